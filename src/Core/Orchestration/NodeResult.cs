using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Orchestration;

/// <summary>The outcome of one attempt of one node, written by the worker before it reports completion.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Attempt">The attempt, 1-based.</param>
/// <param name="Succeeded">Whether the attempt succeeded.</param>
/// <param name="Output">The output (JSON) when it succeeded; tools may also report output on failure.</param>
/// <param name="Error">Why it failed, or null.</param>
/// <param name="StartedAt">When the worker started it.</param>
/// <param name="CompletedAt">When it ended.</param>
/// <param name="Model">The model that answered (skill nodes), or null.</param>
/// <param name="Provider">The model's provider, or null.</param>
/// <param name="Recorded">True when the model response was replayed from a recording.</param>
/// <param name="InputTokens">Prompt tokens (0 for tool nodes).</param>
/// <param name="OutputTokens">Completion tokens (0 for tool nodes).</param>
/// <param name="CostUsd">Cost of the model call in USD (0 for tool nodes and for failures before a call).</param>
/// <param name="Details">Execution details: <c>manifest</c> (context manifest), <c>model_reason</c>, <c>skill_version</c>, <c>estimate_usd</c> …</param>
public sealed record NodeResult(
    string NodeId,
    int Attempt,
    bool Succeeded,
    JsonNode? Output,
    string? Error,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    string? Model,
    string? Provider,
    bool Recorded,
    long InputTokens,
    long OutputTokens,
    decimal CostUsd,
    JsonObject? Details)
{
    /// <summary>Gets the loop iteration of the attempt, from 1 (absent in messages written before loops existed, which means 1).</summary>
    public int Iteration { get; init; } = 1;

    /// <summary>Gets why the attempt did not run when the domain budget refused its reservation (the model call would have
    /// exceeded the domain's daily or monthly limit), or null. The orchestrator then applies the graph's budget policy.</summary>
    public string? DomainRefusal { get; init; }

    /// <summary>Gets the attempt's duration in milliseconds.</summary>
    public long DurationMs => (long)(CompletedAt - StartedAt).TotalMilliseconds;
}
