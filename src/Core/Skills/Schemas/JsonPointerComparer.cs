using System.Globalization;

namespace AgentFunctions.Core.Skills.Schemas;

/// <summary>Orders RFC 6901 JSON pointers segment by segment: array indexes numerically (<c>/9</c> before <c>/10</c>), names ordinally; a parent before its children.</summary>
internal sealed class JsonPointerComparer : IComparer<string>
{
    /// <summary>Gets the comparer.</summary>
    public static JsonPointerComparer Instance { get; } = new();

    /// <inheritdoc/>
    public int Compare(string? x, string? y)
    {
        var left = (x ?? string.Empty).Split('/');
        var right = (y ?? string.Empty).Split('/');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var order = long.TryParse(left[i], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
                && long.TryParse(right[i], NumberStyles.None, CultureInfo.InvariantCulture, out var b)
                    ? a.CompareTo(b)
                    : string.CompareOrdinal(left[i], right[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return left.Length.CompareTo(right.Length);
    }
}
