namespace AgentFunctions.Core.Models;

/// <summary>Settings of the provider named <c>anthropic</c> (<c>Models:Anthropic</c>), called through the official <c>Anthropic</c> SDK.</summary>
public sealed class AnthropicEndpointOptions
{
    /// <summary>Gets or sets the base URL (the SDK appends <c>/v1/messages</c>); null for <c>https://api.anthropic.com</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the API key (keep it in a secret store or environment variable, never in a committed file).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets whether the provider is configured (an API key or an endpoint is set).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey) || Endpoint is not null;
}
