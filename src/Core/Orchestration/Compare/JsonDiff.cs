using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Orchestration.Compare;

/// <summary>One place where two JSON values differ.</summary>
/// <param name="Path">JSON Pointer to the place (RFC 6901; empty for the whole value).</param>
/// <param name="A">The value in the first document (null when absent there or JSON null).</param>
/// <param name="B">The value in the second document (null when absent there or JSON null).</param>
public sealed record JsonDifference(string Path, JsonNode? A, JsonNode? B);

/// <summary>
/// Lists the differences between two JSON values as JSON Pointer paths (RFC 6901). Objects are compared key by key,
/// arrays index by index; any other mismatch is reported at its path. Written here because no JSON diff package for
/// System.Text.Json restores from this workplace's NuGet mirror (see README "Dependencies").
/// </summary>
public static class JsonDiff
{
    /// <summary>Finds where <paramref name="a"/> and <paramref name="b"/> differ.</summary>
    /// <param name="a">The first value (null for absent).</param>
    /// <param name="b">The second value (null for absent).</param>
    /// <param name="max">Most differences to return; the rest are counted in <c>Truncated</c>.</param>
    /// <returns>The differences in document order (at most <paramref name="max"/>) and how many more there were.</returns>
    public static (IReadOnlyList<JsonDifference> Differences, int Truncated) Diff(JsonNode? a, JsonNode? b, int max = 50)
    {
        var found = new List<JsonDifference>();
        var extra = 0;
        Walk(a, b, "", found, max, ref extra);
        return (found, extra);
    }

    private static void Walk(JsonNode? a, JsonNode? b, string path, List<JsonDifference> found, int max, ref int extra)
    {
        if (JsonNode.DeepEquals(a, b))
        {
            return;
        }

        switch (a, b)
        {
            case (JsonObject oa, JsonObject ob):
                foreach (var key in oa.Select(p => p.Key).Concat(ob.Select(p => p.Key).Where(k => !oa.ContainsKey(k))))
                {
                    var at = $"{path}/{Escape(key)}";
                    if (oa.ContainsKey(key) && ob.ContainsKey(key))
                    {
                        Walk(oa[key], ob[key], at, found, max, ref extra);
                    }
                    else
                    {
                        Add(oa[key], ob[key], at, found, max, ref extra);
                    }
                }

                return;
            case (JsonArray aa, JsonArray ab):
                for (var i = 0; i < Math.Max(aa.Count, ab.Count); i++)
                {
                    if (i < aa.Count && i < ab.Count)
                    {
                        Walk(aa[i], ab[i], $"{path}/{i}", found, max, ref extra);
                    }
                    else
                    {
                        Add(i < aa.Count ? aa[i] : null, i < ab.Count ? ab[i] : null, $"{path}/{i}", found, max, ref extra);
                    }
                }

                return;
            default:
                Add(a, b, path, found, max, ref extra);
                return;
        }
    }

    private static void Add(JsonNode? a, JsonNode? b, string path, List<JsonDifference> found, int max, ref int extra)
    {
        if (found.Count < max)
        {
            found.Add(new JsonDifference(path, a?.DeepClone(), b?.DeepClone()));
        }
        else
        {
            extra++;
        }
    }

    // RFC 6901 §3: '~' is written '~0' and '/' is written '~1'.
    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
