namespace AgentFunctions.Core.Models;

/// <summary>Model configuration, bound from the <c>Models</c> section.</summary>
public sealed class ModelOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Models";

    /// <summary>Gets the live OpenAI-compatible endpoint (OpenAI, Azure OpenAI's v1 API, Ollama, vLLM …).</summary>
    public OpenAIEndpointOptions OpenAI { get; } = new();

    /// <summary>Gets the recorded provider's settings.</summary>
    public RecordedModelOptions Recorded { get; } = new();

    /// <summary>
    /// Gets prices by model id (<c>provider/model</c>); entries here add to or override <see cref="PriceTable.BuiltIn"/>.
    /// </summary>
    public Dictionary<string, ModelPrice> Prices { get; } = new(StringComparer.Ordinal);
}

/// <summary>Settings of a live OpenAI-compatible endpoint.</summary>
public sealed class OpenAIEndpointOptions
{
    /// <summary>Gets or sets the base URL, such as <c>https://api.openai.com/v1</c> or <c>http://localhost:11434/v1</c> (Ollama); null for OpenAI's.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the API key (keep it in a secret store or environment variable, never in a committed file).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets a model name that replaces every node's model on this endpoint (e.g. <c>llama3.1</c> on Ollama); null to use each node's model.</summary>
    public string? Model { get; set; }

    /// <summary>Gets whether a live endpoint is configured (an API key or an endpoint is set).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey) || Endpoint is not null;
}

/// <summary>How the recorded provider behaves.</summary>
public enum RecordingMode
{
    /// <summary>Replay stored responses; fail clearly when none matches.</summary>
    Replay,

    /// <summary>Call the live model and store each response in the recordings folder (requires a live endpoint).</summary>
    Record,
}

/// <summary>Settings of the recorded provider.</summary>
public sealed class RecordedModelOptions
{
    /// <summary>Gets or sets the recordings folder (absolute, or relative to the content root); one JSON file per skill: <c>&lt;domain&gt;/&lt;skill&gt;.json</c>.</summary>
    public string Path { get; set; } = "examples/recordings";

    /// <summary>Gets or sets whether to replay or record.</summary>
    public RecordingMode Mode { get; set; } = RecordingMode.Replay;

    /// <summary>Gets or sets how long a replayed call waits before answering (default 0), to make concurrency visible in demos.</summary>
    public TimeSpan ReplayDelay { get; set; } = TimeSpan.Zero;
}
