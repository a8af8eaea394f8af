namespace AgentFunctions.Core.Models.Recorded;

/// <summary>One stored model response, replayed by <see cref="RecordedChatClient"/>.</summary>
/// <param name="InputKey">SHA-256 (hex) of the skill id and the user message the response answers.</param>
/// <param name="Model">The model that produced it (its price prices a replayed call).</param>
/// <param name="InputTokens">Prompt tokens of the original call.</param>
/// <param name="OutputTokens">Completion tokens of the original call.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="Source">Where it came from: <c>live:&lt;endpoint model&gt;</c> when recorded from a live call, or a note such as "hand-written".</param>
/// <param name="InputPreview">The first characters of the user message, for humans reading the file.</param>
/// <param name="Response">The response text (of a tool conversation: the final answer).</param>
public sealed record RecordedResponse(
    string InputKey,
    string Model,
    long InputTokens,
    long OutputTokens,
    DateTimeOffset RecordedAt,
    string Source,
    string InputPreview,
    string Response)
{
    /// <summary>Gets the turns of a tool-calling conversation, in order: every answer that asked for tools, then the final one;
    /// null for a call without tools (then <see cref="Response"/> is the one answer). The tools run for real when replayed.</summary>
    public IReadOnlyList<RecordedTurn>? Turns { get; init; }
}

/// <summary>One model turn of a recorded tool-calling conversation.</summary>
/// <param name="ToolCalls">The tool calls the model asked for; empty for the final answer.</param>
/// <param name="Text">The answer's text (the final answer, or text sent along with tool calls); may be empty.</param>
/// <param name="InputTokens">Prompt tokens of the turn.</param>
/// <param name="OutputTokens">Completion tokens of the turn.</param>
public sealed record RecordedTurn(IReadOnlyList<RecordedToolCall> ToolCalls, string Text, long InputTokens, long OutputTokens);

/// <summary>One tool call of a recorded turn.</summary>
/// <param name="Id">The call id.</param>
/// <param name="Name">The tool name the model used.</param>
/// <param name="Arguments">The arguments (a JSON object).</param>
public sealed record RecordedToolCall(string Id, string Name, System.Text.Json.Nodes.JsonObject Arguments);

/// <summary>The content of one recordings file: every stored response of one skill.</summary>
/// <param name="Skill">The skill id.</param>
/// <param name="Responses">The responses.</param>
public sealed record RecordingFile(string Skill, IReadOnlyList<RecordedResponse> Responses);
