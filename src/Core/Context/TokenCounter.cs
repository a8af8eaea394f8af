using Microsoft.ML.Tokenizers;

namespace AgentFunctions.Core.Context;

/// <summary>
/// Counts tokens with the byte-pair encoding a model uses, through <c>Microsoft.ML.Tokenizers</c>' <see cref="TiktokenTokenizer"/>
/// (OpenAI's tiktoken encodings, data from the <c>Microsoft.ML.Tokenizers.Data.O200kBase</c> and <c>.Cl100kBase</c> packages).
/// Which encoding a model uses (<see cref="EncodingFor"/>, from OpenAI's tiktoken <c>model.py</c>):
/// <list type="bullet">
/// <item><c>gpt-4o*</c>, <c>gpt-4.1*</c>, <c>gpt-4.5*</c>, <c>gpt-5*</c>, <c>chatgpt-4o*</c>, <c>gpt-oss*</c> and the o-series (<c>o1*</c>, <c>o3*</c>, <c>o4*</c>): <c>o200k_base</c>;</item>
/// <item><c>gpt-4</c>, <c>gpt-4-turbo</c>, <c>gpt-4-32k</c>, <c>gpt-3.5*</c>, <c>text-embedding-3*</c>, <c>text-embedding-ada-002</c>: <c>cl100k_base</c>;</item>
/// <item>every other model — Anthropic's Claude (whose tokenizer is not public), local and unknown models — and calls whose model is
/// not known yet: <c>o200k_base</c> as an <b>approximation</b>; such counts may differ from the provider's by some percent.</item>
/// </list>
/// Counts are estimates for budgets, manifests and cost reservations; after a call, the provider's reported usage wins.
/// The two tokenizers are created once (loading an encoding takes tens of milliseconds) and are thread-safe.
/// </summary>
public static class TokenCounter
{
    /// <summary>The encoding of GPT-4o, GPT-4.1 and the o-series (about 200k tokens).</summary>
    public const string O200kBase = "o200k_base";

    /// <summary>The encoding of GPT-4 and GPT-3.5 (about 100k tokens).</summary>
    public const string Cl100kBase = "cl100k_base";

    private static readonly string[] s_o200kPrefixes = ["gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "chatgpt-4o", "gpt-oss", "o1", "o3", "o4"];
    private static readonly string[] s_cl100kPrefixes = ["gpt-4", "gpt-3.5", "gpt-35", "text-embedding-3", "text-embedding-ada-002"];
    private static readonly Lazy<Tokenizer> s_o200k = new(() => TiktokenTokenizer.CreateForEncoding(O200kBase));
    private static readonly Lazy<Tokenizer> s_cl100k = new(() => TiktokenTokenizer.CreateForEncoding(Cl100kBase));

    /// <summary>Gets the encoding used to count a model's tokens.</summary>
    /// <param name="modelId">A model id <c>provider/model</c> (such as <c>openai/gpt-4o-mini</c>), a provider's model name (<c>gpt-4o-mini</c>), or null when the model is not known.</param>
    /// <returns><see cref="O200kBase"/> or <see cref="Cl100kBase"/>; <see cref="O200kBase"/> (an approximation) for models without a public tokenizer and for null.</returns>
    public static string EncodingFor(string? modelId)
    {
        if (string.IsNullOrWhiteSpace(modelId))
        {
            return O200kBase;
        }

        var name = modelId[(modelId.LastIndexOf('/') + 1)..];
        if (s_o200kPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return O200kBase;
        }

        return s_cl100kPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)) ? Cl100kBase : O200kBase;
    }

    /// <summary>Counts the tokens of a text in the encoding of a model.</summary>
    /// <param name="text">The text, or null.</param>
    /// <param name="modelId">The model id, or null when not known (counted in <c>o200k_base</c>).</param>
    /// <returns>Tokens (0 for null or empty). Special-token strings such as <c>&lt;|endoftext|&gt;</c> count as ordinary text.</returns>
    public static int Count(string? text, string? modelId = null) =>
        string.IsNullOrEmpty(text) ? 0 : TokenizerFor(modelId).CountTokens(text, considerPreTokenization: true, considerNormalization: true);

    /// <summary>Cuts a text to at most a number of tokens, at a token boundary.</summary>
    /// <param name="text">The text.</param>
    /// <param name="maxTokens">Most tokens to keep (0 or more).</param>
    /// <param name="modelId">The model id, or null.</param>
    /// <returns>The longest prefix of <paramref name="text"/> of at most <paramref name="maxTokens"/> tokens, and its token count.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTokens"/> is negative.</exception>
    public static (string Prefix, int Tokens) Truncate(string text, int maxTokens, string? modelId = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTokens);
        if (maxTokens == 0 || text.Length == 0)
        {
            return (string.Empty, 0);
        }

        var index = TokenizerFor(modelId).GetIndexByTokenCount(text, maxTokens, out _, out var tokens);
        return (text[..index], tokens);
    }

    private static Tokenizer TokenizerFor(string? modelId) => EncodingFor(modelId) == Cl100kBase ? s_cl100k.Value : s_o200k.Value;
}
