using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Orchestration.Messages;

/// <summary>Everything needed to create a run: written as its header row and carried into its orchestration's input.</summary>
/// <param name="RunId">The run id (also the orchestration instance id).</param>
/// <param name="GraphName">The graph name.</param>
/// <param name="GraphYaml">The graph's YAML as validated at submission; the run keeps it, so editing a file never changes a run in flight.</param>
/// <param name="GraphHash">SHA-256 (hex) of <paramref name="GraphYaml"/>.</param>
/// <param name="Inputs">The bound inputs.</param>
/// <param name="BudgetUsd">Run budget in USD, or null for none.</param>
/// <param name="CreatedAt">When the run was accepted.</param>
/// <param name="Source">Who started it: <c>http</c>, <c>queue</c> or <c>replay</c>.</param>
/// <param name="Replay">When the run replays another: parent, step, mode and copied nodes; else null.</param>
public sealed record RunCreation(
    string RunId,
    string GraphName,
    string GraphYaml,
    string GraphHash,
    JsonObject Inputs,
    decimal? BudgetUsd,
    DateTimeOffset CreatedAt,
    string Source,
    ReplayInfo? Replay = null)
{
    /// <summary>Gets the run's place in its trace (the run span's id chosen up front), or null when no trace was recorded.</summary>
    public Telemetry.RunTrace? Trace { get; init; }
}
