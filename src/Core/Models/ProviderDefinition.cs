namespace AgentFunctions.Core.Models;

/// <summary>One provider: its name, wire protocol, endpoint and key.</summary>
/// <param name="Name">The name models refer to (<c>openai</c>, <c>anthropic</c>, <c>recorded</c> or a configured one).</param>
/// <param name="Kind">The wire protocol.</param>
/// <param name="Endpoint">The base URL, or null for the vendor's default.</param>
/// <param name="ApiKey">The API key, or null.</param>
/// <param name="IsLive">Whether calls can reach it: an endpoint or key is configured (the recorded provider is never live).</param>
public sealed record ProviderDefinition(string Name, ProviderKind Kind, Uri? Endpoint, string? ApiKey, bool IsLive)
{
    /// <summary>The name of the built-in recorded provider.</summary>
    public const string RecordedName = "recorded";

    /// <summary>The name of the built-in OpenAI provider (<c>Models:OpenAI</c>).</summary>
    public const string OpenAIName = "openai";

    /// <summary>The name of the built-in Anthropic provider (<c>Models:Anthropic</c>).</summary>
    public const string AnthropicName = "anthropic";

    /// <summary>Gets whether this is one of the built-in providers (<c>openai</c>, <c>anthropic</c>, <c>recorded</c>).</summary>
    public bool IsBuiltIn => Name is OpenAIName or AnthropicName or RecordedName;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Kind}{(Endpoint is null ? string.Empty : " at " + Endpoint)})";
}
