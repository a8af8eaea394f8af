namespace AgentFunctions.Core.Models;

/// <summary>The wire protocol of a provider.</summary>
public enum ProviderKind
{
    /// <summary>The OpenAI Chat Completions API, through the official <c>OpenAI</c> SDK (OpenAI, Azure OpenAI v1, Ollama, vLLM …).</summary>
    OpenAI,

    /// <summary>The Anthropic Messages API, through the official <c>Anthropic</c> SDK.</summary>
    Anthropic,

    /// <summary>Responses recorded earlier, replayed by skill and input (no network call).</summary>
    Recorded,
}
