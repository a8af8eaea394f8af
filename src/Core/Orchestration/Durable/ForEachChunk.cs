namespace AgentFunctions.Core.Orchestration.Durable;

/// <summary>The input of <see cref="ForEachChunkOrchestrator"/>: first attempts of some instances of one <c>for_each</c> node.</summary>
/// <param name="RunId">The run.</param>
/// <param name="NodeId">The <c>for_each</c> node.</param>
/// <param name="Items">The instances' work items.</param>
public sealed record ForEachChunk(string RunId, string NodeId, IReadOnlyList<NodeWorkItem> Items);
