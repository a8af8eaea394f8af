namespace AgentFunctions.Core.Orchestration.Storage;

/// <summary>Identifies one attempt of one node in one loop iteration of a run: the idempotency key of a node activity.</summary>
/// <param name="RunId">The run.</param>
/// <param name="NodeId">The node, or a <c>for_each</c> instance such as <c>review[3]</c>.</param>
/// <param name="Iteration">The loop iteration, from 1.</param>
/// <param name="Attempt">The attempt, from 1.</param>
public sealed record AttemptKey(string RunId, string NodeId, int Iteration, int Attempt);
