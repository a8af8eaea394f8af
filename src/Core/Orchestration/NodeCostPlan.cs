namespace AgentFunctions.Core.Orchestration;

/// <summary>What dispatching a node would reserve, and the cheaper alternative the <c>downgrade</c> policy may use.</summary>
/// <param name="Model">The model the node would call (for a tier, the one the router picks now; null for tool nodes).</param>
/// <param name="Domain">The domain whose budget the call counts against (the skill's domain), or null for tool nodes.</param>
/// <param name="ReservationUsd">Upper bound of the call's cost in USD (0 for tool nodes); for a tier, that of the most expensive model the call may go to.</param>
/// <param name="Downgrade">The plan with the cheapest model of the next lower tier (itself with a further downgrade), or null when there is none.</param>
public sealed record NodeCostPlan(string? Model, string? Domain, decimal ReservationUsd, NodeCostPlan? Downgrade = null)
{
    /// <summary>A plan for a node that costs nothing (tool nodes).</summary>
    public static NodeCostPlan Free { get; } = new(null, null, 0);
}

/// <summary>The budget facts the transition function needs besides the run's own state.</summary>
/// <param name="Plans">Cost plan of every node.</param>
/// <param name="DomainDenials">Domain-budget refusals found by the orchestrator for this step: node id → model → reason.</param>
public sealed record BudgetInputs(
    IReadOnlyDictionary<string, NodeCostPlan> Plans,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> DomainDenials)
{
    /// <summary>No costs and no denials (graphs of tool nodes).</summary>
    public static BudgetInputs None { get; } = new(new Dictionary<string, NodeCostPlan>(), new Dictionary<string, IReadOnlyDictionary<string, string>>());

    /// <summary>Gets the plan of a node.</summary>
    /// <param name="nodeId">The node.</param>
    /// <returns>The plan, or <see cref="NodeCostPlan.Free"/>.</returns>
    public NodeCostPlan PlanOf(string nodeId) => Plans.GetValueOrDefault(nodeId) ?? NodeCostPlan.Free;

    /// <summary>Gets why the domain budget refused a model for a node, or null.</summary>
    /// <param name="nodeId">The node.</param>
    /// <param name="model">The model.</param>
    /// <returns>The reason, or null when not refused.</returns>
    public string? DomainDenial(string nodeId, string? model) =>
        model is not null && DomainDenials.TryGetValue(nodeId, out var byModel) && byModel.TryGetValue(model, out var reason) ? reason : null;
}
