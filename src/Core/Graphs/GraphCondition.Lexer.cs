using System.Text;

namespace AgentFunctions.Core.Graphs;

/// <content>Splitting a condition into tokens.</content>
public sealed partial class GraphCondition
{
    private enum TokenKind
    {
        Name,
        Number,
        String,
        Symbol,
        End,
    }

    /// <summary>One token: its kind, its text (a string literal's value without quotes) and its 0-based offset.</summary>
    private readonly record struct Token(TokenKind Kind, string Text, int Offset)
    {
        public bool Is(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

        public string Describe() => Kind switch
        {
            TokenKind.End => "the end of the condition",
            TokenKind.String => $"the string '{Text}'",
            _ => $"'{Text}'",
        };
    }

    private static readonly string[] s_symbols = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", "[", "]", ".", ","];

    /// <summary>Splits <paramref name="text"/> into tokens, ending with an <see cref="TokenKind.End"/> token.</summary>
    private static bool TryTokenize(string text, List<Token> tokens, out string? error, out int offset)
    {
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            (error, offset) = (null, i);
            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, string.Empty, i));
                return true;
            }

            var c = text[i];
            var start = i;
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '-'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Name, text[start..i], start));
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                i = ReadNumber(text, i + 1);
                tokens.Add(new Token(TokenKind.Number, text[start..i], start));
            }
            else if (c is '\'' or '"')
            {
                if (ReadString(text, ref i) is not { } value)
                {
                    error = $"the string starting at character {start + 1} has no closing {c}.";
                    return false;
                }

                tokens.Add(new Token(TokenKind.String, value, start));
            }
            else if (s_symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0) is { } symbol)
            {
                i += symbol.Length;
                tokens.Add(new Token(TokenKind.Symbol, symbol, start));
            }
            else
            {
                error = c == '=' ? "'=' is not an operator; write '==' to compare." : c is '&' or '|' ? $"'{c}' is not an operator; write '{c}{c}'." : $"unexpected character '{c}'.";
                return false;
            }
        }
    }

    private static int ReadNumber(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-')
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                i = j;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }
        }

        return i;
    }

    /// <summary>Reads a quoted string: <c>'…'</c> with <c>''</c> for a quote, or <c>"…"</c> with <c>\"</c> and <c>\\</c>.</summary>
    private static string? ReadString(string text, ref int i)
    {
        var quote = text[i++];
        var value = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i++];
            if (c == quote)
            {
                if (quote == '\'' && i < text.Length && text[i] == '\'')
                {
                    value.Append('\'');
                    i++;
                    continue;
                }

                return value.ToString();
            }

            if (quote == '"' && c == '\\' && i < text.Length)
            {
                c = text[i++];
            }

            value.Append(c);
        }

        return null;
    }
}
