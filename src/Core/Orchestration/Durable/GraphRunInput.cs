using AgentFunctions.Core.Orchestration.Messages;

namespace AgentFunctions.Core.Orchestration.Durable;

/// <summary>The input of <see cref="GraphOrchestrator"/>: the run as accepted, and for a replay the nodes copied from the parent.</summary>
/// <param name="Run">The run: id, graph YAML and hash, inputs, budget, source and replay lineage.</param>
/// <param name="CopiedNodes">Node states copied from the parent run (succeeded, with their outputs), or null when none.</param>
public sealed record GraphRunInput(RunCreation Run, IReadOnlyList<NodeState>? CopiedNodes = null);
