using System.Diagnostics.CodeAnalysis;

namespace AgentFunctions.Core.Graphs;

/// <summary>
/// A condition of a graph (<c>when:</c> on a node, <c>loop.until</c>): a small expression over run inputs and node
/// outputs, evaluated by the orchestrator. Grammar (lowest precedence first; <c>docs/graphs.md</c> has the full text):
/// <code>
/// condition  := or
/// or         := and ( '||' and )*
/// and        := comparison ( '&amp;&amp;' comparison )*
/// comparison := unary ( ( '==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=' ) unary )?
/// unary      := '!' unary | primary
/// primary    := literal | path | call | '(' or ')'
/// literal    := 'text' | "text" | number | true | false | null
/// path       := inputs.NAME segment* | nodes.ID.output segment*
/// segment    := .field | [n] | ['field']
/// call       := contains(a, b) | len(x)
/// </code>
/// Paths are lenient: a missing field, an index past the end or a step into a non-object reads as null.
/// The result is true unless it is <c>false</c>, <c>null</c>, <c>0</c> or <c>""</c>. The syntax follows GitHub Actions
/// expressions (<c>if:</c>), reduced to what graphs need. A condition has at most <see cref="MaxLength"/> characters
/// and nests at most <see cref="MaxDepth"/> levels, so neither parsing nor evaluation can exhaust the stack.
/// </summary>
public sealed partial class GraphCondition
{
    private const string Open = "${{";
    private const string Close = "}}";
    private readonly Ast _root;

    private GraphCondition(string text, Ast root, IReadOnlyList<GraphExpression> references)
    {
        Text = text;
        _root = root;
        References = references;
    }

    /// <summary>Gets the condition as written, without <c>${{ }}</c> delimiters and surrounding spaces.</summary>
    public string Text { get; }

    /// <summary>Gets every path the condition reads (<c>inputs.x</c>, <c>nodes.id.output…</c>), in order.</summary>
    public IReadOnlyList<GraphExpression> References { get; }

    /// <summary>Parses a condition, with or without <c>${{ }}</c> delimiters.</summary>
    /// <param name="text">Such as <c>nodes.tester.output.passed == true</c>.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="GraphExpressionException">The text is not a well-formed condition.</exception>
    public static GraphCondition Parse(string text) =>
        TryParse(text, out var condition, out var error, out _) ? condition : throw new GraphExpressionException(text, error);

    /// <summary>Parses a condition, with or without <c>${{ }}</c> delimiters.</summary>
    /// <param name="text">Such as <c>nodes.tester.output.passed == true</c>.</param>
    /// <param name="condition">The condition when the text is well formed.</param>
    /// <param name="error">What is wrong when it is not.</param>
    /// <param name="offset">The 0-based position in <paramref name="text"/> where the error was found (0 when well formed).</param>
    /// <returns>True when the text is a well-formed condition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static bool TryParse(string text, [NotNullWhen(true)] out GraphCondition? condition, [NotNullWhen(false)] out string? error, out int offset)
    {
        if (TryParse(text, out condition, out ParseFailure? failure))
        {
            (error, offset) = (null, 0);
            return true;
        }

        (error, offset) = (failure.Value.Message, failure.Value.Offset);
        return false;
    }

    /// <summary>Parses a condition, telling a limit (<see cref="MaxLength"/>, <see cref="MaxDepth"/>) apart from a syntax error.</summary>
    /// <param name="text">Such as <c>nodes.tester.output.passed == true</c>, with or without <c>${{ }}</c>.</param>
    /// <param name="condition">The condition when the text is well formed.</param>
    /// <param name="failure">Why it is not, when it is not.</param>
    /// <returns>True when the text is a well-formed condition within the limits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    internal static bool TryParse(string text, [NotNullWhen(true)] out GraphCondition? condition, [NotNullWhen(false)] out ParseFailure? failure)
    {
        ArgumentNullException.ThrowIfNull(text);
        condition = null;
        if (CheckLength(text) is { } tooLong)
        {
            failure = tooLong;
            return false;
        }

        var start = 0;
        var end = text.Length;
        var trimmed = text.Trim();
        if (trimmed.StartsWith(Open, StringComparison.Ordinal) && trimmed.EndsWith(Close, StringComparison.Ordinal) && trimmed.Length >= Open.Length + Close.Length)
        {
            start = text.IndexOf(Open, StringComparison.Ordinal) + Open.Length;
            end = text.LastIndexOf(Close, StringComparison.Ordinal);
        }

        var body = text[start..end];
        var parser = new Parser(body);
        if (!parser.TryParse(out var root, out failure))
        {
            failure = failure.Value with { Offset = failure.Value.Offset + start };
            return false;
        }

        condition = new GraphCondition(body.Trim(), root, parser.References);
        return true;
    }

    /// <summary>Returns <see cref="Text"/>.</summary>
    /// <returns>The condition as written.</returns>
    public override string ToString() => Text;
}
