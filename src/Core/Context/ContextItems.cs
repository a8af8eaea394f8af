namespace AgentFunctions.Core.Context;

/// <summary>
/// A section's content as trimmable items: <c>Prefix + Items joined by Separator + Suffix</c>. The budgeter cuts items to a
/// token cap (appending <see cref="TrimmedMarker"/>) or leaves the last ones out (adding a line that says how many).
/// </summary>
/// <param name="Prefix">Text before the first item (a heading and the opening of a code fence).</param>
/// <param name="Items">The items, in order; each is kept, cut or left out on its own.</param>
/// <param name="Separator">Text between two items.</param>
/// <param name="Suffix">Text after the last item.</param>
public sealed record ContextItems(string Prefix, IReadOnlyList<string> Items, string Separator, string Suffix)
{
    /// <summary>What follows an item cut to its token cap.</summary>
    public const string TrimmedMarker = "…[trimmed]";

    /// <summary>Renders every item whole.</summary>
    /// <returns>The section content.</returns>
    public string Render() => Render(Items, 0);

    /// <summary>Renders some items, saying how many were left out at the end.</summary>
    /// <param name="kept">The items to render (whole or already cut).</param>
    /// <param name="leftOut">How many items at the end were left out (0 for none).</param>
    /// <returns>The section content.</returns>
    public string Render(IEnumerable<string> kept, int leftOut)
    {
        var body = string.Join(Separator, kept);
        var note = leftOut == 0 ? string.Empty : (body.Length == 0 ? string.Empty : Separator) + $"…[{leftOut} more item(s) left out: over the prompt budget]";
        return Prefix + body + note + Suffix;
    }
}
