namespace AgentFunctions.Core.Orchestration.Compare;

/// <summary>What <c>GET /api/runs/{a}/compare/{b}</c> returns: how run B differs from run A, node by node.</summary>
/// <param name="A">Run A in brief.</param>
/// <param name="B">Run B in brief.</param>
/// <param name="SameGraph">True when both runs executed the same graph YAML (same SHA-256).</param>
/// <param name="InputDifferences">Where B's inputs differ from A's (JSON Pointer paths).</param>
/// <param name="Nodes">Every node of either graph, in A's graph order then B's new nodes.</param>
/// <param name="Summary">Counts of what changed and the cost delta.</param>
public sealed record RunComparison(
    RunBrief A,
    RunBrief B,
    bool SameGraph,
    IReadOnlyList<JsonDifference> InputDifferences,
    IReadOnlyList<NodeComparison> Nodes,
    ComparisonSummary Summary);

/// <summary>A run in a comparison.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Graph">Its graph name.</param>
/// <param name="GraphHash">SHA-256 of its graph YAML.</param>
/// <param name="Status">Its status.</param>
/// <param name="CostUsd">What its model calls cost, in USD.</param>
/// <param name="Path">The nodes that executed (or were copied), in the order they finished.</param>
/// <param name="ReplayOf">The parent run when this run is a replay, else null.</param>
public sealed record RunBrief(string RunId, string Graph, string GraphHash, string Status, decimal CostUsd, IReadOnlyList<string> Path, string? ReplayOf);

/// <summary>One node in a comparison.</summary>
/// <param name="Id">The node id.</param>
/// <param name="Changed">True when status, output or path membership differ.</param>
/// <param name="StatusA">Its status in A (<c>absent</c> when A's graph has no such node).</param>
/// <param name="StatusB">Its status in B (<c>absent</c> likewise).</param>
/// <param name="OnPathA">True when it executed (or was copied) in A.</param>
/// <param name="OnPathB">True when it executed (or was copied) in B.</param>
/// <param name="CostUsdA">Its cost in A, in USD.</param>
/// <param name="CostUsdB">Its cost in B, in USD.</param>
/// <param name="CopiedInB">True when B copied the node from its parent instead of executing it.</param>
/// <param name="ModelA">The model that answered in A, for skill nodes.</param>
/// <param name="ModelB">The model that answered in B.</param>
/// <param name="OutputDifferences">Where B's output differs from A's (JSON Pointer paths, at most 50).</param>
/// <param name="MoreOutputDifferences">How many further output differences were left out.</param>
/// <param name="ErrorA">Its error in A.</param>
/// <param name="ErrorB">Its error in B.</param>
public sealed record NodeComparison(
    string Id,
    bool Changed,
    string StatusA,
    string StatusB,
    bool OnPathA,
    bool OnPathB,
    decimal CostUsdA,
    decimal CostUsdB,
    bool CopiedInB,
    string? ModelA,
    string? ModelB,
    IReadOnlyList<JsonDifference> OutputDifferences,
    int MoreOutputDifferences,
    string? ErrorA,
    string? ErrorB);

/// <summary>What changed between two runs, counted.</summary>
/// <param name="NodesChanged">Nodes whose status, output or path membership differ.</param>
/// <param name="StatusChanged">Nodes whose status differs.</param>
/// <param name="OutputChanged">Nodes whose output differs.</param>
/// <param name="PathChanged">Nodes that executed in one run but not the other.</param>
/// <param name="CostDeltaUsd">B's cost minus A's, in USD.</param>
public sealed record ComparisonSummary(int NodesChanged, int StatusChanged, int OutputChanged, int PathChanged, decimal CostDeltaUsd);
