using System.Text;
using AgentFunctions.Core.Storage.Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AgentFunctions.Core.Tests.Storage;

/// <summary>Known-answer tests for the Shared Key strings-to-sign (learn.microsoft.com "Authorize with Shared Key").</summary>
public sealed class SharedKeySignerTests
{
    private static readonly HttpPipeline s_pipeline = new(HttpClientTransport.Shared);

    [Fact]
    public void BuildSharedKeyStringToSign_DocsContainerMetadataExample_MatchesDocs()
    {
        // The docs' example: GET container metadata, path-style URL whose path already holds the account.
        var request = Request(RequestMethod.Get, "http://127.0.0.1:10000/myaccount/mycontainer?restype=container&comp=metadata&timeout=20");
        request.Headers.SetValue("x-ms-version", "2009-09-19");
        request.Headers.SetValue("x-ms-date", "Sun, 11 Oct 2009 21:49:13 GMT");

        var stringToSign = SharedKeySigner.BuildSharedKeyStringToSign(request, "myaccount");

        Assert.Equal(
            "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Sun, 11 Oct 2009 21:49:13 GMT\nx-ms-version:2009-09-19\n"
            + "/myaccount/myaccount/mycontainer\ncomp:metadata\nrestype:container\ntimeout:20",
            stringToSign);
    }

    [Fact]
    public void BuildSharedKeyStringToSign_PutWithBodyAndEncodedQuery_SignsLengthTypeIfMatchAndDecodedValues()
    {
        var request = Request(RequestMethod.Put, "http://127.0.0.1:10001/devstoreaccount1/work/messages/id-1?popreceipt=AgAA%2B%2F%3D&visibilitytimeout=30");
        request.Content = RequestContent.Create(Encoding.UTF8.GetBytes("abc"));
        request.Headers.SetValue("Content-Type", "application/xml");
        request.Headers.SetValue("If-Match", "\"etag\"");
        request.Headers.SetValue("x-ms-version", "2021-12-02");
        request.Headers.SetValue("x-ms-date", "Sat, 21 Nov 2026 10:00:00 GMT");
        request.Headers.SetValue("X-MS-Client-Request-Id", "abc");

        var stringToSign = SharedKeySigner.BuildSharedKeyStringToSign(request, "devstoreaccount1");

        Assert.Equal(
            "PUT\n\n\n3\n\napplication/xml\n\n\n\"etag\"\n\n\n\n"
            + "x-ms-client-request-id:abc\nx-ms-date:Sat, 21 Nov 2026 10:00:00 GMT\nx-ms-version:2021-12-02\n"
            + "/devstoreaccount1/devstoreaccount1/work/messages/id-1\npopreceipt:AgAA+/=\nvisibilitytimeout:30",
            stringToSign);
    }

    [Fact]
    public void BuildSharedKeyLiteTableStringToSign_DocsExample_IsDateAndResource()
    {
        var request = Request(RequestMethod.Get, "https://testaccount1.table.core.windows.net/Tables");
        request.Headers.SetValue("x-ms-date", "Sun, 11 Oct 2009 19:52:39 GMT");

        Assert.Equal("Sun, 11 Oct 2009 19:52:39 GMT\n/testaccount1/Tables", SharedKeySigner.BuildSharedKeyLiteTableStringToSign(request, "testaccount1"));
    }

    [Fact]
    public void BuildSharedKeyLiteTableStringToSign_WithFilterAndComp_KeepsOnlyComp()
    {
        var request = Request(RequestMethod.Get, "http://127.0.0.1:10002/devstoreaccount1/runs()?$filter=PartitionKey%20eq%20%27a%27&comp=acl");
        request.Headers.SetValue("x-ms-date", "Sun, 11 Oct 2009 19:52:39 GMT");

        Assert.Equal(
            "Sun, 11 Oct 2009 19:52:39 GMT\n/devstoreaccount1/devstoreaccount1/runs()?comp=acl",
            SharedKeySigner.BuildSharedKeyLiteTableStringToSign(request, "devstoreaccount1"));
    }

    [Fact]
    public void Sign_KnownStringWithDevelopmentKey_MatchesIndependentHmac()
    {
        // Expected value computed outside .NET (Python hmac/hashlib) over the docs' string-to-sign.
        var signer = new SharedKeySigner("devstoreaccount1", Convert.FromBase64String(StorageConnectionString.DevelopmentAccountKey));
        const string stringToSign = "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Sun, 11 Oct 2009 21:49:13 GMT\nx-ms-version:2009-09-19\n"
            + "/myaccount/myaccount/mycontainer\ncomp:metadata\nrestype:container\ntimeout:20";

        Assert.Equal("Su5rvibNeMxB7A4I87rOtEgCDtdICsL8v5H+yJs0W+M=", signer.Sign(stringToSign));
    }

    private static Request Request(RequestMethod method, string uri)
    {
        var request = s_pipeline.CreateRequest();
        request.Method = method;
        request.Uri.Reset(new Uri(uri));
        return request;
    }
}
