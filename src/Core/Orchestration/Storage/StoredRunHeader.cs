namespace AgentFunctions.Core.Orchestration.Storage;

/// <summary>A run's header row as stored.</summary>
/// <param name="Header">The header.</param>
/// <param name="GraphYaml">The graph YAML the run executes.</param>
public sealed record StoredRunHeader(RunHeader Header, string GraphYaml);
