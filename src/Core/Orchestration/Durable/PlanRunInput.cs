namespace AgentFunctions.Core.Orchestration.Durable;

/// <summary>The input of <see cref="PlanRunActivity"/>.</summary>
/// <param name="RunId">The run (for logs).</param>
/// <param name="GraphHash">The graph's content hash.</param>
/// <param name="GraphYaml">The graph's YAML.</param>
public sealed record PlanRunInput(string RunId, string GraphHash, string GraphYaml);
