namespace AgentFunctions.Core.Models.Recorded;

/// <summary>One stored model response, replayed by <see cref="RecordedChatClient"/>.</summary>
/// <param name="InputKey">SHA-256 (hex) of the skill id and the user message the response answers.</param>
/// <param name="Model">The model that produced it (its price prices a replayed call).</param>
/// <param name="InputTokens">Prompt tokens of the original call.</param>
/// <param name="OutputTokens">Completion tokens of the original call.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="Source">Where it came from: <c>live:&lt;endpoint model&gt;</c> when recorded from a live call, or a note such as "hand-written".</param>
/// <param name="InputPreview">The first characters of the user message, for humans reading the file.</param>
/// <param name="Response">The response text.</param>
public sealed record RecordedResponse(
    string InputKey,
    string Model,
    long InputTokens,
    long OutputTokens,
    DateTimeOffset RecordedAt,
    string Source,
    string InputPreview,
    string Response);

/// <summary>The content of one recordings file: every stored response of one skill.</summary>
/// <param name="Skill">The skill id.</param>
/// <param name="Responses">The responses.</param>
public sealed record RecordingFile(string Skill, IReadOnlyList<RecordedResponse> Responses);
