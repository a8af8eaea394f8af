namespace AgentFunctions.Core.Orchestration.Durable;

/// <summary>The output of <see cref="GraphOrchestrator"/>, as Durable Task tools show it for the orchestration instance.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Status"><c>succeeded</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="Error">Why it failed or was cancelled, or null.</param>
/// <param name="CostUsd">What its model calls cost, in USD.</param>
public sealed record GraphRunOutcome(string RunId, string Status, string? Error, decimal CostUsd);
