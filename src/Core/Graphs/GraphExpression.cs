using System.Text;

namespace AgentFunctions.Core.Graphs;

/// <summary>
/// One <c>${{ ... }}</c> expression in a node's <c>with:</c> or <c>context:</c> strings:
/// <c>${{ inputs.name }}</c> reads a run input, <c>${{ nodes.id.output }}</c> reads an upstream node's JSON output,
/// <c>${{ item }}</c> and <c>${{ item_index }}</c> read the item of a <c>for_each</c> instance;
/// all but <c>item_index</c> may continue with <c>.field</c>, <c>['odd key']</c> and <c>[n]</c> segments.
/// A string that is exactly one expression resolves to the JSON value it names (any type); a string with text around
/// expressions resolves to a string. The syntax follows GitHub Actions expressions, reduced to property access.
/// </summary>
public sealed partial class GraphExpression
{
    private GraphExpression(string text, ExpressionRoot root, string name, IReadOnlyList<ExpressionSegment> path)
    {
        Text = text;
        Root = root;
        Name = name;
        Path = path;
    }

    /// <summary>Gets the expression as written, including <c>${{</c> and <c>}}</c>.</summary>
    public string Text { get; }

    /// <summary>Gets what the expression reads from.</summary>
    public ExpressionRoot Root { get; }

    /// <summary>Gets the input name (for <see cref="ExpressionRoot.Inputs"/>), the node id (for <see cref="ExpressionRoot.Nodes"/>),
    /// or <c>item</c> / <c>item_index</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the field and index steps after <c>inputs.name</c> or <c>nodes.id.output</c>; empty for the whole value.</summary>
    public IReadOnlyList<ExpressionSegment> Path { get; }

    /// <summary>Gets the normalized reference without delimiters, such as <c>nodes.fixer.output.patch</c>.</summary>
    public string Reference => Describe(Path.Count);

    /// <summary>Creates a path read by a <see cref="GraphCondition"/>.</summary>
    internal static GraphExpression FromPath(string text, ExpressionRoot root, string name, IReadOnlyList<ExpressionSegment> path) => new(text, root, name, path);

    /// <summary>Returns <see cref="Text"/>.</summary>
    /// <returns>The expression as written.</returns>
    public override string ToString() => Text;

    /// <summary>Formats the reference up to (not including) path segment <paramref name="segments"/>.</summary>
    private string Describe(int segments)
    {
        var text = new StringBuilder(Root switch
        {
            ExpressionRoot.Inputs => "inputs.",
            ExpressionRoot.Nodes => "nodes.",
            _ => string.Empty,
        }).Append(Name);
        if (Root == ExpressionRoot.Nodes)
        {
            text.Append(".output");
        }

        foreach (var segment in Path.Take(segments))
        {
            text.Append(segment);
        }

        return text.ToString();
    }
}
