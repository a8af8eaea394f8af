namespace AgentFunctions.Core.Orchestration;

/// <summary>Which runs <c>GET /api/runs</c> lists.</summary>
/// <param name="Graph">Only runs of this graph, or null.</param>
/// <param name="Status">Only runs with this status, or null.</param>
/// <param name="Search">A case-insensitive substring of the run id or graph name, or null.</param>
/// <param name="Limit">Most runs to return (1–500), newest first.</param>
public sealed record RunListQuery(string? Graph = null, RunStatus? Status = null, string? Search = null, int Limit = 100)
{
    /// <summary>The largest <see cref="Limit"/>.</summary>
    public const int MaxLimit = 500;
}
