namespace AgentFunctions.Core.Orchestration.Storage;

/// <summary>A run as users see it: the header, and every node row completed with its current attempt's row.</summary>
/// <param name="Header">The header.</param>
/// <param name="GraphYaml">The graph YAML the run executes.</param>
/// <param name="Nodes">Node states by node or instance id (nodes never written are absent: they are pending).</param>
public sealed record RunRecord(RunHeader Header, string GraphYaml, IReadOnlyDictionary<string, NodeState> Nodes);
