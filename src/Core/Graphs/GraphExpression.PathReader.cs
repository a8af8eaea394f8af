using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AgentFunctions.Core.Graphs;

/// <content>The cursor that reads an expression's path.</content>
public sealed partial class GraphExpression
{
    /// <summary>A cursor over an expression body.</summary>
    private sealed class PathReader(string text)
    {
        private int _position;

        public bool AtEnd => _position >= text.Length;

        public bool Accept(char c)
        {
            if (!AtEnd && text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        public string ReadName()
        {
            var start = _position;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '_' or '-'))
            {
                _position++;
            }

            return text[start.._position];
        }

        public bool TryReadSegment([NotNullWhen(true)] out ExpressionSegment? segment, [NotNullWhen(false)] out string? error)
        {
            segment = null;
            error = null;
            var rest = text[_position..];
            if (Accept('.'))
            {
                var field = ReadName();
                segment = field.Length > 0 ? new ExpressionSegment(field, null) : null;
                error = field.Length > 0 ? null : $"expected a field name after '.' in '{rest}'.";
            }
            else if (Accept('['))
            {
                segment = ReadBracket();
                error = segment is null ? $"expected [n] (a whole number) or ['field'] in '{rest}'." : null;
            }
            else
            {
                error = $"unexpected '{rest}'; expected '.field', ['field'] or [n].";
            }

            return segment is not null;
        }

        private ExpressionSegment? ReadBracket()
        {
            if (Accept('\'') || Accept('"'))
            {
                var quote = text[_position - 1];
                var end = text.IndexOf(quote, _position);
                if (end < 0)
                {
                    return null;
                }

                var field = text[_position..end];
                _position = end + 1;
                return Accept(']') ? new ExpressionSegment(field, null) : null;
            }

            var start = _position;
            while (!AtEnd && char.IsAsciiDigit(text[_position]))
            {
                _position++;
            }

            return _position > start && int.TryParse(text.AsSpan(start, _position - start), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && Accept(']')
                ? new ExpressionSegment(null, index)
                : null;
        }
    }
}
