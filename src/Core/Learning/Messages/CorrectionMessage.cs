using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Learning.Messages;

/// <summary>
/// A message on the corrections queue: <c>{"schemaVersion":1,"kind":"correction.submit","runId","nodeId","text","correctedOutput"?,"by"?}</c>
/// or <c>{"schemaVersion":1,"kind":"correction.stored","skill","correctionId"}</c>.
/// </summary>
/// <param name="SchemaVersion">Always 1.</param>
/// <param name="Kind"><see cref="LearningMessageKinds.CorrectionSubmit"/> or <see cref="LearningMessageKinds.CorrectionStored"/>.</param>
/// <param name="RunId">correction.submit: the run.</param>
/// <param name="NodeId">correction.submit: the node.</param>
/// <param name="Text">correction.submit: the correction text.</param>
/// <param name="CorrectedOutput">correction.submit: the corrected output, optional.</param>
/// <param name="By">correction.submit: who made it, optional.</param>
/// <param name="Skill">correction.stored: the skill, <c>domain/skill</c>.</param>
/// <param name="CorrectionId">correction.stored: the stored correction.</param>
public sealed record CorrectionMessage(
    int SchemaVersion,
    string Kind,
    string? RunId = null,
    string? NodeId = null,
    string? Text = null,
    JsonNode? CorrectedOutput = null,
    string? By = null,
    string? Skill = null,
    string? CorrectionId = null)
{
    /// <summary>Creates a <c>correction.submit</c> message.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="nodeId">The node.</param>
    /// <param name="text">The correction text.</param>
    /// <param name="correctedOutput">The corrected output, or null.</param>
    /// <param name="by">Who made it, or null.</param>
    /// <returns>The message.</returns>
    public static CorrectionMessage Submit(string runId, string nodeId, string text, JsonNode? correctedOutput = null, string? by = null) =>
        new(LearningMessageKinds.SchemaVersion, LearningMessageKinds.CorrectionSubmit, runId, nodeId, text, correctedOutput, by);

    /// <summary>Creates a <c>correction.stored</c> message.</summary>
    /// <param name="skill">The skill, <c>domain/skill</c>.</param>
    /// <param name="correctionId">The correction.</param>
    /// <returns>The message.</returns>
    public static CorrectionMessage Stored(string skill, string correctionId) =>
        new(LearningMessageKinds.SchemaVersion, LearningMessageKinds.CorrectionStored, Skill: skill, CorrectionId: correctionId);
}
