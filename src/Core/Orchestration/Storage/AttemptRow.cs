namespace AgentFunctions.Core.Orchestration.Storage;

/// <summary>One attempt row of a run: who claimed the attempt and when, and its result once stored.</summary>
/// <param name="NodeId">The node or instance id.</param>
/// <param name="Iteration">The loop iteration.</param>
/// <param name="Attempt">The attempt.</param>
/// <param name="ClaimedAt">When the executing activity started it (the latest claim, after a host died).</param>
/// <param name="Claimant">The host and process that claimed it.</param>
/// <param name="Result">The stored result, or null while it runs (or after its host died).</param>
public sealed record AttemptRow(string NodeId, int Iteration, int Attempt, DateTimeOffset ClaimedAt, string Claimant, NodeResult? Result);
