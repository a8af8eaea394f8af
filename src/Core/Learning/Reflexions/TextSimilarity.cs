using System.Text;

namespace AgentFunctions.Core.Learning.Reflexions;

/// <summary>
/// Normalised text and token Jaccard similarity: how duplicate corrections are recognised and how, without a learning
/// model, a new rule is found to restate an existing one (ExpeL AGREE at <see cref="LearningOptions.SimilarityThreshold"/>).
/// </summary>
internal static class TextSimilarity
{
    private static readonly HashSet<string> s_stopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "is", "are", "be", "it", "its", "this", "that",
        "as", "at", "by", "from", "when", "should", "must", "always", "please",
    };

    /// <summary>Lower-cases, collapses whitespace and drops trailing punctuation: "Use EUR. " and "use  eur" are the same.</summary>
    public static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString().TrimEnd('.', '!', ';', ',', ' ');
    }

    /// <summary>The set of lower-case words (letters and digits) of at least 2 characters, without stop words.</summary>
    public static HashSet<string> Tokens(string text)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        foreach (var c in text + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (word.Length >= 2 && !s_stopWords.Contains(word.ToString()))
            {
                tokens.Add(word.ToString());
            }

            word.Clear();
        }

        return tokens;
    }

    /// <summary>Jaccard similarity |A∩B| / |A∪B| of the token sets (0 when both are empty).</summary>
    public static double Jaccard(string a, string b)
    {
        var x = Tokens(a);
        var y = Tokens(b);
        var union = x.Count + y.Count - x.Count(y.Contains);
        return union == 0 ? 0 : (double)x.Count(y.Contains) / union;
    }
}
