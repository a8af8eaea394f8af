namespace AgentFunctions.Core.Models;

/// <summary>A further provider (<c>Models:Providers:&lt;name&gt;</c>): the wire protocol it speaks, its endpoint and key.</summary>
public sealed class ProviderOptions
{
    /// <summary>Gets or sets the wire protocol: <c>openai</c> (any OpenAI-compatible endpoint) or <c>anthropic</c>.</summary>
    public ProviderKind Kind { get; set; } = ProviderKind.OpenAI;

    /// <summary>Gets or sets the base URL; required.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the API key, if the server needs one.</summary>
    public string? ApiKey { get; set; }
}
