using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Graphs;

/// <content>The syntax tree of a condition.</content>
public sealed partial class GraphCondition
{
    private abstract record Ast;

    private sealed record LiteralAst(JsonNode? Value) : Ast;

    private sealed record PathAst(GraphExpression Path) : Ast;

    private sealed record NotAst(Ast Operand) : Ast;

    private sealed record BinaryAst(string Operator, Ast Left, Ast Right) : Ast;

    private sealed record CallAst(string Function, IReadOnlyList<Ast> Arguments) : Ast;

    /// <summary>Thrown inside the parser to stop at the first error; never escapes <see cref="TryParse(string, out GraphCondition?, out string?, out int)"/>.</summary>
    [SuppressMessage("Design", "CA1064:Exceptions should be public", Justification = "Control flow inside the parser only; never thrown to callers.")]
    private sealed class SyntaxError(string message, int offset, string code = GraphErrorCodes.InvalidExpression) : Exception(message)
    {
        public int Offset { get; } = offset;

        public string Code { get; } = code;
    }
}
