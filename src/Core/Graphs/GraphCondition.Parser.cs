using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Graphs;

/// <content>The recursive-descent parser.</content>
public sealed partial class GraphCondition
{
    private static readonly string[] s_comparisons = ["==", "!=", "<", "<=", ">", ">="];

    private sealed partial class Parser(string text)
    {
        private readonly List<Token> _tokens = [];
        private int _next;

        public List<GraphExpression> References { get; } = [];

        private Token Current => _tokens[_next];

        public bool TryParse([NotNullWhen(true)] out Ast? root, [NotNullWhen(false)] out ParseFailure? failure)
        {
            root = null;
            if (!TryTokenize(text, _tokens, out var tokenError, out var offset))
            {
                failure = new ParseFailure(GraphErrorCodes.InvalidExpression, tokenError ?? "the condition cannot be read.", offset);
                return false;
            }

            try
            {
                if (Current.Kind == TokenKind.End)
                {
                    throw new SyntaxError("the condition is empty.", Current.Offset);
                }

                root = ParseOr();
                if (Current.Kind != TokenKind.End)
                {
                    throw new SyntaxError($"unexpected {Current.Describe()} after a complete condition; join conditions with && or ||.", Current.Offset);
                }

                failure = null;
                return true;
            }
            catch (SyntaxError ex)
            {
                failure = new ParseFailure(ex.Code, ex.Message, ex.Offset);
                return false;
            }
        }

        private Ast ParseOr()
        {
            var left = ParseAnd();
            while (Accept("||"))
            {
                left = new BinaryAst("||", left, ParseAnd());
            }

            return left;
        }

        private Ast ParseAnd()
        {
            var left = ParseComparison();
            while (Accept("&&"))
            {
                left = new BinaryAst("&&", left, ParseComparison());
            }

            return left;
        }

        private Ast ParseComparison()
        {
            var left = ParseUnary();
            if (Current.Kind == TokenKind.Symbol && s_comparisons.Contains(Current.Text))
            {
                var op = Take().Text;
                left = new BinaryAst(op, left, ParseUnary());
                if (Current.Kind == TokenKind.Symbol && s_comparisons.Contains(Current.Text))
                {
                    throw new SyntaxError($"comparisons cannot be chained ('{op}' then '{Current.Text}'); join them with && or use parentheses.", Current.Offset);
                }
            }

            return left;
        }

        private Ast ParseUnary()
        {
            if (!Current.Is("!"))
            {
                return ParsePrimary();
            }

            Enter(Take().Offset);
            var operand = ParseUnary();
            Leave();
            return new NotAst(operand);
        }

        private Ast ParsePrimary()
        {
            var token = Take();
            switch (token.Kind)
            {
                case TokenKind.String:
                    return new LiteralAst(JsonValue.Create(token.Text));
                case TokenKind.Number:
                    return new LiteralAst(decimal.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                        ? JsonValue.Create(number)
                        : JsonValue.Create(double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture)));
                case TokenKind.Symbol when token.Text == "(":
                    Enter(token.Offset);
                    var inner = ParseOr();
                    Expect(")", "to close '('");
                    Leave();
                    return inner;
                case TokenKind.Name:
                    return ParseName(token);
                default:
                    throw new SyntaxError($"expected a value (a path such as inputs.x or nodes.id.output, a literal, or contains()/len()) but found {token.Describe()}.", token.Offset);
            }
        }

        private Ast ParseName(Token name)
        {
            switch (name.Text)
            {
                case "true" or "false":
                    return new LiteralAst(JsonValue.Create(name.Text == "true"));
                case "null":
                    return new LiteralAst(null);
                case "contains" or "len":
                    return ParseCall(name);
                case "inputs" or "nodes" or "item" or "item_index":
                    return ParsePath(name);
                default:
                    var hint = NameSuggestions.Hint(name.Text, ["inputs", "nodes", "true", "false", "null", "contains", "len"]);
                    throw new SyntaxError($"unknown name '{name.Text}'{hint}; a condition reads inputs.<name> or nodes.<id>.output, and calls contains() or len().", name.Offset);
            }
        }

        private CallAst ParseCall(Token name)
        {
            Expect("(", $"after '{name.Text}'");
            var arguments = new List<Ast>();
            if (!Accept(")"))
            {
                Enter(name.Offset);
                do
                {
                    arguments.Add(ParseOr());
                }
                while (Accept(","));

                Expect(")", $"to close the arguments of {name.Text}()");
                Leave();
            }

            var expected = name.Text == "contains" ? 2 : 1;
            return arguments.Count == expected
                ? new CallAst(name.Text, arguments)
                : throw new SyntaxError($"{name.Text}() takes {expected} argument(s), not {arguments.Count}.", name.Offset);
        }

        private PathAst ParsePath(Token root)
        {
            var kind = root.Text switch
            {
                "inputs" => ExpressionRoot.Inputs,
                "nodes" => ExpressionRoot.Nodes,
                "item" => ExpressionRoot.Item,
                _ => ExpressionRoot.ItemIndex,
            };
            var name = kind switch
            {
                ExpressionRoot.Inputs => ExpectFieldName("an input name after 'inputs.'"),
                ExpressionRoot.Nodes => ExpectFieldName("a node id after 'nodes.'"),
                _ => root.Text,
            };
            if (kind == ExpressionRoot.Nodes && !(Accept(".") && Current.Kind == TokenKind.Name && Take().Text == "output"))
            {
                throw new SyntaxError($"expected 'nodes.{name}.output' (only a node's output can be read).", root.Offset);
            }

            var segments = new List<ExpressionSegment>();
            while (kind != ExpressionRoot.ItemIndex && (Current.Is(".") || Current.Is("[")))
            {
                segments.Add(Current.Is(".") ? new ExpressionSegment(ExpectFieldName("a field name after '.'"), null) : ReadBracket());
            }

            var written = text[root.Offset..Current.Offset].TrimEnd();
            var path = GraphExpression.FromPath(written, kind, name, segments);
            References.Add(path);
            return new PathAst(path);
        }

        private ExpressionSegment ReadBracket()
        {
            Expect("[", "to start an index");
            var token = Take();
            ExpressionSegment segment = token.Kind switch
            {
                TokenKind.String => new ExpressionSegment(token.Text, null),
                TokenKind.Number when int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) => new ExpressionSegment(null, index),
                _ => throw new SyntaxError($"expected [n] (a whole number) or ['field'] but found {token.Describe()}.", token.Offset),
            };
            Expect("]", "to close '['");
            return segment;
        }

        private string ExpectFieldName(string what)
        {
            if (Accept(".") && Current.Kind == TokenKind.Name)
            {
                return Take().Text;
            }

            throw new SyntaxError($"expected {what}.", Current.Offset);
        }

        private void Expect(string symbol, string why)
        {
            if (!Accept(symbol))
            {
                throw new SyntaxError($"expected '{symbol}' {why} but found {Current.Describe()}.", Current.Offset);
            }
        }

        private bool Accept(string symbol)
        {
            if (Current.Is(symbol))
            {
                _next++;
                return true;
            }

            return false;
        }

        private Token Take() => Current.Kind == TokenKind.End ? Current : _tokens[_next++];
    }
}
