using AgentFunctions.Core.Context;

namespace AgentFunctions.Core.Tests.Context;

/// <summary>Token counts come from the model's tiktoken encoding, not from characters / 4.</summary>
public sealed class TokenCounterTests
{
    [Fact]
    public void Count_HelloWorld_IsFourTokensInO200kBase()
    {
        // "Hello" "," " world" "!": four tokens in o200k_base (and in cl100k_base).
        Assert.Equal(4, TokenCounter.Count("Hello, world!"));
        Assert.Equal(4, TokenCounter.Count("Hello, world!", "openai/gpt-4o-mini"));
    }

    [Fact]
    public void Count_SameText_DependsOnTheModelsEncoding()
    {
        const string Text = "Überprüfung der Schnittstelle: 東京都の天気は晴れです。";

        var o200k = TokenCounter.Count(Text, "openai/gpt-4o");
        var cl100k = TokenCounter.Count(Text, "openai/gpt-4");

        // Pinned from the library; o200k_base's larger vocabulary needs fewer tokens for German and Japanese, as OpenAI reports.
        Assert.Equal(16, o200k);
        Assert.Equal(23, cl100k);
    }

    [Fact]
    public void Count_EmptyOrNull_IsZero()
    {
        Assert.Equal(0, TokenCounter.Count(null));
        Assert.Equal(0, TokenCounter.Count(string.Empty));
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini", TokenCounter.O200kBase)]
    [InlineData("openai/gpt-4.1-nano", TokenCounter.O200kBase)]
    [InlineData("o3-mini", TokenCounter.O200kBase)]
    [InlineData("openai/gpt-4", TokenCounter.Cl100kBase)]
    [InlineData("gpt-4-turbo", TokenCounter.Cl100kBase)]
    [InlineData("openai/gpt-3.5-turbo", TokenCounter.Cl100kBase)]
    [InlineData("anthropic/claude-sonnet-4.5", TokenCounter.O200kBase)]
    [InlineData("local/llama-3.1-8b", TokenCounter.O200kBase)]
    [InlineData(null, TokenCounter.O200kBase)]
    public void EncodingFor_Model_IsItsTiktokenEncodingOrTheO200kApproximation(string? model, string expected) =>
        Assert.Equal(expected, TokenCounter.EncodingFor(model));

    [Fact]
    public void Truncate_LongText_KeepsAPrefixOfAtMostTheCap()
    {
        var text = string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog. ", 20));

        var (prefix, tokens) = TokenCounter.Truncate(text, 25);

        Assert.True(tokens <= 25, $"{tokens} tokens");
        Assert.StartsWith(prefix, text, StringComparison.Ordinal);
        Assert.True(TokenCounter.Count(prefix) <= 25);
        Assert.True(prefix.Length > 50, prefix);
    }
}
