using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AgentFunctions.Core.Graphs;

/// <content>Parsing: finding <c>${{ }}</c> in strings and reading their paths.</content>
public sealed partial class GraphExpression
{
    /// <summary>Most characters one expression may have between <c>${{</c> and <c>}}</c>: 4,096. A longer one is malformed.</summary>
    public const int MaxLength = 4096;

    private const string Open = "${{";
    private const string Close = "}}";

    /// <summary>Returns whether a string holds the start of an expression (<c>${{</c>).</summary>
    /// <param name="value">The string.</param>
    /// <returns>True when the string contains <c>${{</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static bool ContainsExpression(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Contains(Open, StringComparison.Ordinal);
    }

    /// <summary>Parses one expression, with or without its <c>${{ }}</c> delimiters.</summary>
    /// <param name="text">Such as <c>${{ nodes.fixer.output.patch }}</c> or <c>inputs.repo</c>.</param>
    /// <returns>The expression.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="GraphExpressionException">The text is not a well-formed expression.</exception>
    public static GraphExpression Parse(string text) =>
        TryParse(text, out var expression, out var error) ? expression : throw new GraphExpressionException(text, error);

    /// <summary>Parses one expression, with or without its <c>${{ }}</c> delimiters.</summary>
    /// <param name="text">Such as <c>${{ nodes.fixer.output.patch }}</c> or <c>inputs.repo</c>.</param>
    /// <param name="expression">The expression when the text is well formed.</param>
    /// <param name="error">What is wrong when it is not.</param>
    /// <returns>True when the text is a well-formed expression.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static bool TryParse(string text, [NotNullWhen(true)] out GraphExpression? expression, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var delimited = trimmed.StartsWith(Open, StringComparison.Ordinal) && trimmed.EndsWith(Close, StringComparison.Ordinal)
            && trimmed.Length >= Open.Length + Close.Length;
        var body = delimited ? trimmed[Open.Length..^Close.Length] : trimmed;
        var written = delimited ? trimmed : $"{Open} {trimmed} {Close}";
        return TryParseBody(written, body, out expression, out error);
    }

    /// <summary>Finds every expression in a string value and checks that each is well formed.</summary>
    /// <param name="value">A string from <c>with:</c> or <c>context:</c>.</param>
    /// <returns>The expressions, the syntax errors, and whether the string is exactly one expression.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static ExpressionScan Scan(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var errors = new List<string>();
        var parts = Split(value, errors);
        var expressions = parts.Where(p => p.Expression is not null).Select(p => p.Expression!).ToList();
        var exact = errors.Count == 0 && parts.Count == 1 && parts[0].Expression is not null;
        return new ExpressionScan(expressions, errors, exact);
    }

    /// <summary>Returns whether <paramref name="field"/> can be written as <c>.field</c> rather than <c>['field']</c>.</summary>
    internal static bool IsPlainField(string field) =>
        field.Length > 0 && (char.IsAsciiLetter(field[0]) || field[0] == '_') && field.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>Splits a string into literal text and expressions; malformed expressions add an error and are dropped.</summary>
    private static List<TemplatePart> Split(string value, List<string> errors)
    {
        var parts = new List<TemplatePart>();
        var position = 0;
        while (position < value.Length)
        {
            var open = value.IndexOf(Open, position, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(new TemplatePart(value[position..], null));
                break;
            }

            if (open > position)
            {
                parts.Add(new TemplatePart(value[position..open], null));
            }

            var close = value.IndexOf(Close, open + Open.Length, StringComparison.Ordinal);
            if (close < 0)
            {
                errors.Add($"'{value[open..]}' has no closing '}}}}'.");
                break;
            }

            var written = value[open..(close + Close.Length)];
            if (TryParseBody(written, value[(open + Open.Length)..close], out var expression, out var error))
            {
                parts.Add(new TemplatePart(null, expression));
            }
            else
            {
                errors.Add($"'{(written.Length > 80 ? string.Concat(written.AsSpan(0, 80), "…") : written)}': {error}");
            }

            position = close + Close.Length;
        }

        return parts;
    }

    private static bool TryParseBody(string written, string body, [NotNullWhen(true)] out GraphExpression? expression, [NotNullWhen(false)] out string? error)
    {
        expression = null;
        if (body.Length > MaxLength)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"the expression is {body.Length:N0} characters long; the limit is {MaxLength:N0}.");
            return false;
        }

        var reader = new PathReader(body.Trim());
        var root = reader.ReadName();
        if (root is not ("inputs" or "nodes" or "item" or "item_index"))
        {
            error = root.Length == 0 ? "expected 'inputs.<name>', 'nodes.<id>.output' or 'item'." : $"unknown root '{root}'; expected 'inputs', 'nodes' or (in a for_each node) 'item' or 'item_index'.";
            return false;
        }

        var kind = root switch
        {
            "inputs" => ExpressionRoot.Inputs,
            "nodes" => ExpressionRoot.Nodes,
            "item" => ExpressionRoot.Item,
            _ => ExpressionRoot.ItemIndex,
        };
        var isInputs = kind == ExpressionRoot.Inputs;
        var name = kind is ExpressionRoot.Item or ExpressionRoot.ItemIndex ? root : reader.Accept('.') ? reader.ReadName() : string.Empty;
        if (name.Length == 0)
        {
            error = isInputs ? "expected an input name after 'inputs.'." : "expected a node id after 'nodes.'.";
            return false;
        }

        if (kind == ExpressionRoot.Nodes && !(reader.Accept('.') && reader.ReadName() == "output"))
        {
            error = $"expected 'nodes.{name}.output' (only a node's output can be read).";
            return false;
        }

        if (kind == ExpressionRoot.ItemIndex && !reader.AtEnd)
        {
            error = "'item_index' is a number; it has no fields or indexes.";
            return false;
        }

        var path = new List<ExpressionSegment>();
        while (!reader.AtEnd)
        {
            if (!reader.TryReadSegment(out var segment, out error))
            {
                return false;
            }

            path.Add(segment);
        }

        expression = new GraphExpression(written, kind, name, path);
        error = null;
        return true;
    }

    private readonly record struct TemplatePart(string? Literal, GraphExpression? Expression);
}
