using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Learning.Corrections;

/// <summary>A stored correction with the execution it corrects (the seed's <c>corrections.json</c> entry, with provenance).</summary>
public sealed record Correction
{
    /// <summary>Gets the id, <c>CORR-000001</c>, unique within the skill.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the corrected skill, <c>domain/skill</c>.</summary>
    public required string SkillId { get; init; }

    /// <summary>Gets the skill's version (content hash) when it produced the corrected output.</summary>
    public required string SkillVersion { get; init; }

    /// <summary>Gets the run of the corrected execution.</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the node of the corrected execution.</summary>
    public required string NodeId { get; init; }

    /// <summary>Gets the attempt whose output was corrected (1 or more).</summary>
    public required int Attempt { get; init; }

    /// <summary>Gets the correction text, trimmed (3–4,000 characters).</summary>
    public required string Text { get; init; }

    /// <summary>Gets the output the skill should have produced, or null.</summary>
    public JsonNode? CorrectedOutput { get; init; }

    /// <summary>Gets who made the correction, or null.</summary>
    public string? By { get; init; }

    /// <summary>Gets the input the skill received.</summary>
    public required JsonObject Input { get; init; }

    /// <summary>Gets the output the skill produced (the mistake).</summary>
    public JsonNode? Output { get; init; }

    /// <summary>
    /// Gets the skill's <c>output_schema</c> (a JSON Schema document) when the execution ran, or null when it declares none;
    /// a correction given as text only is grounded in its field names and enum values.
    /// </summary>
    public JsonObject? OutputSchema { get; init; }

    /// <summary>Gets the model that produced the output, or null.</summary>
    public string? Model { get; init; }

    /// <summary>Gets when the corrected execution finished.</summary>
    public required DateTimeOffset ExecutedAt { get; init; }

    /// <summary>Gets when the correction was stored.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets <see cref="CorrectionStatus.Pending"/> or <see cref="CorrectionStatus.Processed"/>.</summary>
    public string Status { get; init; } = CorrectionStatus.Pending;

    /// <summary>Gets the reflexion rule this correction added or strengthened, once written.</summary>
    public string? RuleId { get; init; }

    /// <summary>Gets what the correction did to that rule: <c>add</c>, <c>agree</c> or <c>edit</c> (ExpeL operations).</summary>
    public string? RuleOperation { get; init; }

    /// <summary>Gets the regression test generated from this correction, once written.</summary>
    public string? TestId { get; init; }

    /// <summary>Gets when processing finished, or null while pending.</summary>
    public DateTimeOffset? ProcessedAt { get; init; }
}
