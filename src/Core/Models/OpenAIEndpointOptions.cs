namespace AgentFunctions.Core.Models;

/// <summary>Settings of the provider named <c>openai</c> (<c>Models:OpenAI</c>), any endpoint speaking the OpenAI Chat Completions API.</summary>
public sealed class OpenAIEndpointOptions
{
    /// <summary>Gets or sets the base URL, such as <c>https://api.openai.com/v1</c> or <c>http://localhost:11434/v1</c> (Ollama); null for OpenAI's.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the API key (keep it in a secret store or environment variable, never in a committed file).</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Gets or sets a model name that replaces every node's model (e.g. <c>llama3.1</c> on Ollama): every call goes to this
    /// endpoint with this name, priced as the model the node asked for, without fallbacks; null to route normally.
    /// </summary>
    public string? Model { get; set; }

    /// <summary>Gets whether the endpoint is configured (an API key or an endpoint is set).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey) || Endpoint is not null;
}
