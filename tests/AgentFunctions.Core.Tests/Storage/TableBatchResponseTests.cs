using AgentFunctions.Core.Storage.Azure;

namespace AgentFunctions.Core.Tests.Storage;

public sealed class TableBatchResponseTests
{
    private const string FailedBody =
        "--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_2\r\n\r\n"
        + "--changesetresponse_2\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
        + "HTTP/1.1 412 Precondition Failed\r\nContent-ID: 3\r\nContent-Type: application/json;odata=minimalmetadata\r\n\r\n"
        + "{\"odata.error\":{\"code\":\"UpdateConditionNotSatisfied\",\"message\":{\"lang\":\"en-US\",\"value\":\"MESSAGE\"}}}\r\n"
        + "--changesetresponse_2--\r\n--batchresponse_1--\r\n";

    [Fact]
    public void FailedIndex_MessagePrefix_WinsOverContentId()
    {
        var failure = Assert.Single(TableBatchResponse.Parse(FailedBody.Replace("MESSAGE", "1:The update condition specified in the request was not satisfied.", StringComparison.Ordinal)));
        var (code, message) = StorageErrors.ParseBody(failure.Body);

        Assert.Equal(412, failure.Status);
        Assert.Equal("UpdateConditionNotSatisfied", code);
        Assert.Equal(1, TableBatchResponse.FailedIndex(failure, message, actionCount: 5));
    }

    [Fact]
    public void FailedIndex_NoPrefix_FallsBackToOneBasedContentId()
    {
        var failure = Assert.Single(TableBatchResponse.Parse(FailedBody.Replace("MESSAGE", "The update condition specified in the request was not satisfied.", StringComparison.Ordinal)));
        var (_, message) = StorageErrors.ParseBody(failure.Body);

        Assert.Equal(2, TableBatchResponse.FailedIndex(failure, message, actionCount: 5));
    }

    [Fact]
    public void Parse_SuccessfulChangeSet_ReturnsEveryInnerResponseWithHeaders()
    {
        const string body =
            "--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n"
            + "--c\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 204 No Content\r\nETag: W/\"1\"\r\n\r\n\r\n"
            + "--c\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n\r\n"
            + "--c--\r\n--b--\r\n";

        var inner = TableBatchResponse.Parse(body);

        Assert.Equal(2, inner.Count);
        Assert.Equal("W/\"1\"", inner[0].Headers["etag"]);
        Assert.False(inner[1].Headers.ContainsKey("ETag"));
    }
}
