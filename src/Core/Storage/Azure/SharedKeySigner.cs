using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;

namespace AgentFunctions.Core.Storage.Azure;

/// <summary>
/// Builds the Shared Key strings-to-sign of Azure Storage and signs them with HMAC-SHA256 of the account key.
/// Follows learn.microsoft.com "Authorize with Shared Key" and the Azure SDK for .NET
/// (<c>StorageSharedKeyPipelinePolicy.cs</c>, <c>TableSharedKeyPipelinePolicy.cs</c>).
/// </summary>
internal sealed class SharedKeySigner
{
    private readonly byte[] _key;

    public SharedKeySigner(string accountName, byte[] key)
    {
        AccountName = accountName;
        _key = key;
    }

    public string AccountName { get; }

    /// <summary>Signs a string with HMAC-SHA256 of the account key.</summary>
    /// <returns>The base64 signature.</returns>
    public string Sign(string stringToSign) => Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>
    /// The Shared Key string-to-sign for the blob and queue services (version 2015-02-21 and later): the verb, eleven
    /// standard headers (Content-Length empty when 0, Date empty because x-ms-date is sent), the sorted lowercase
    /// <c>x-ms-*</c> headers, and the canonicalized resource with sorted, decoded query parameters.
    /// </summary>
    public static string BuildSharedKeyStringToSign(Request request, string accountName)
    {
        string Header(string name) => request.Headers.TryGetValue(name, out var value) ? value : string.Empty;

        var contentLength = request.Content is not null && request.Content.TryComputeLength(out var length) && length > 0
            ? length.ToString(CultureInfo.InvariantCulture)
            : string.Empty;
        var sb = new StringBuilder();
        sb.Append(request.Method.Method.ToUpperInvariant()).Append('\n')
            .Append(Header("Content-Encoding")).Append('\n')
            .Append(Header("Content-Language")).Append('\n')
            .Append(contentLength).Append('\n')
            .Append(Header("Content-MD5")).Append('\n')
            .Append(Header("Content-Type")).Append('\n')
            .Append('\n') // Date: empty, x-ms-date is signed instead.
            .Append(Header("If-Modified-Since")).Append('\n')
            .Append(Header("If-Match")).Append('\n')
            .Append(Header("If-None-Match")).Append('\n')
            .Append(Header("If-Unmodified-Since")).Append('\n')
            .Append(Header("Range")).Append('\n');

        var msHeaders = request.Headers
            .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Name.ToLowerInvariant(), h.Value))
            .OrderBy(h => h.Name, StringComparer.Ordinal);
        foreach (var (name, value) in msHeaders)
        {
            sb.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        var uri = request.Uri.ToUri();
        sb.Append('/').Append(accountName).Append(uri.AbsolutePath.Length > 0 ? uri.AbsolutePath : "/");
        foreach (var (name, value) in QueryParameters(uri).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.Append('\n').Append(name).Append(':').Append(value);
        }

        return sb.ToString();
    }

    /// <summary>
    /// The SharedKeyLite string-to-sign for the table service: <c>x-ms-date</c>, a newline, and the canonicalized
    /// resource (<c>/account/path</c>, plus <c>?comp=value</c> when the URL has a <c>comp</c> parameter).
    /// </summary>
    public static string BuildSharedKeyLiteTableStringToSign(Request request, string accountName)
    {
        request.Headers.TryGetValue("x-ms-date", out var date);
        var uri = request.Uri.ToUri();
        var sb = new StringBuilder(date).Append('\n').Append('/').Append(accountName).Append(uri.AbsolutePath.Length > 0 ? uri.AbsolutePath : "/");
        if (QueryParameters(uri).TryGetValue("comp", out var comp))
        {
            sb.Append("?comp=").Append(comp);
        }

        return sb.ToString();
    }

    /// <summary>Reads the query parameters with lowercase names and decoded values; repeated names join their values with commas.</summary>
    private static SortedDictionary<string, string> QueryParameters(Uri uri)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? part : part[..equals]).ToLowerInvariant();
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(part[(equals + 1)..]);
            result[name] = result.TryGetValue(name, out var previous) ? previous + "," + value : value;
        }

        return result;
    }
}
