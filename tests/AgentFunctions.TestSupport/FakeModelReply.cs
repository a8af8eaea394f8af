namespace AgentFunctions.TestSupport;

/// <summary>What a fake model server answers to one request: text, or an HTTP error status, after an optional delay.</summary>
/// <param name="Text">The assistant's text (for status 200).</param>
public sealed record FakeModelReply(string Text)
{
    /// <summary>Gets the HTTP status (200 answers; 429, 500 … answer with the provider's error body).</summary>
    public int StatusCode { get; init; } = 200;

    /// <summary>Gets how long the server waits before answering.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Gets the prompt tokens to report, or null for characters / 4 of the messages.</summary>
    public int? InputTokens { get; init; }

    /// <summary>Gets the completion tokens to report, or null for characters / 4 of the text.</summary>
    public int? OutputTokens { get; init; }

    /// <summary>Gets the tool calls the answer asks for (OpenAI <c>tool_calls</c>; the finish reason is then <c>tool_calls</c>); empty for none.</summary>
    public IReadOnlyList<FakeToolCall> ToolCalls { get; init; } = [];

    /// <summary>A reply that asks for tool calls.</summary>
    /// <param name="calls">The calls.</param>
    /// <returns>The reply.</returns>
    public static FakeModelReply Tools(params FakeToolCall[] calls) => new(string.Empty) { ToolCalls = calls };

    /// <summary>An error reply.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <returns>The reply.</returns>
    public static FakeModelReply Status(int statusCode) => new(string.Empty) { StatusCode = statusCode };
}

/// <summary>One tool call a fake model asks for.</summary>
/// <param name="Id">The call id.</param>
/// <param name="Name">The function name.</param>
/// <param name="ArgumentsJson">The arguments as a JSON object text.</param>
public sealed record FakeToolCall(string Id, string Name, string ArgumentsJson);
