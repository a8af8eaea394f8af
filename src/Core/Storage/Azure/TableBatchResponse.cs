using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentFunctions.Core.Storage.Azure;

/// <summary>
/// Reads the inner responses of an entity-group transaction response. The outer status is 202 even when an action
/// failed; then the change set holds one inner error response whose message starts with <c>index:</c> (Azure), or
/// whose <c>Content-ID</c> (1-based: we send <c>index + 1</c>, and Azurite numbers the parts from 1) names the failing action.
/// </summary>
internal static partial class TableBatchResponse
{
    /// <summary>Splits the body into inner HTTP responses, in order.</summary>
    /// <param name="body">The multipart response body as text.</param>
    /// <returns>Each inner response's status, headers (case-insensitive) and body.</returns>
    public static IReadOnlyList<InnerResponse> Parse(string body)
    {
        var result = new List<InnerResponse>();
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var status = StatusLine().Match(lines[i]);
            if (!status.Success)
            {
                continue;
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (i++; i < lines.Length && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
                }
            }

            var content = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
            {
                content.Add(lines[i]);
            }

            i--;
            result.Add(new InnerResponse(int.Parse(status.Groups[1].Value, CultureInfo.InvariantCulture), headers, string.Join('\n', content).Trim()));
        }

        return result;
    }

    /// <summary>Finds the failing action's index from the <c>n:</c> message prefix or, failing that, the <c>Content-ID</c> header.</summary>
    /// <returns>The zero-based index, or -1 when the response does not say.</returns>
    public static int FailedIndex(InnerResponse failure, string? message, int actionCount)
    {
        var prefix = message is null ? Match.Empty : IndexPrefix().Match(message);
        if (prefix.Success && int.TryParse(prefix.Groups[1].Value, CultureInfo.InvariantCulture, out var fromMessage) && fromMessage < actionCount)
        {
            return fromMessage;
        }

        return failure.Headers.TryGetValue("Content-ID", out var id) && int.TryParse(id, CultureInfo.InvariantCulture, out var fromId) && fromId >= 1 && fromId <= actionCount
            ? fromId - 1
            : -1;
    }

    [GeneratedRegex(@"^HTTP/1\.[01] (\d{3})")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex IndexPrefix();

    /// <summary>One inner response of a transaction.</summary>
    /// <param name="Status">The HTTP status.</param>
    /// <param name="Headers">The headers.</param>
    /// <param name="Body">The body text (empty for 204).</param>
    internal sealed record InnerResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body);
}
