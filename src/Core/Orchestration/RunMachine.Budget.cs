using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration;

/// <content>Dispatching under budgets: reserve, or apply the graph's policy (fail, skip, downgrade, approve) before any model call.</content>
public sealed partial class RunMachine
{
    // Domain-budget refusals reported by activities: node id → model → reason.
    private readonly Dictionary<string, Dictionary<string, string>> _domainDenials = new(StringComparer.Ordinal);

    /// <summary>Dispatches the node's current attempt if its reservation fits every budget, else applies the policy.</summary>
    /// <returns>True when a work item was dispatched.</returns>
    private bool Dispatch(NodeState node, TimeSpan delay)
    {
        if (_index.Nodes[NodeInstanceIds.BaseOf(node.NodeId)].Policy.ApprovalRequired && !(node.Approval?["kind"]?.GetValue<string>() == "policy" && node.Approval["decision"]?.GetValue<string>() == "approved"))
        {
            AwaitApproval(node, "policy", "the node's policy requires a human approval before it runs", null, null);
            return false;
        }

        var plan = _budget.PlanOf(NodeInstanceIds.BaseOf(node.NodeId));
        if (node.BudgetApproved || Refusal(node.NodeId, plan) is not { } refusal)
        {
            return Schedule(node, plan, delay);
        }

        var policy = _graph.Budget.OnExceed;
        for (var cheaper = plan.Downgrade; policy == BudgetPolicy.Downgrade && cheaper is not null; cheaper = cheaper.Downgrade)
        {
            if (Refusal(node.NodeId, cheaper) is null)
            {
                Emit("budget_downgraded", node.NodeId, Data(
                    ("from", plan.Model), ("to", cheaper.Model), ("estimate_usd", plan.ReservationUsd),
                    ("downgraded_estimate_usd", cheaper.ReservationUsd), ("reason", refusal.Reason)));
                return Schedule(node, cheaper, delay);
            }
        }

        if (policy == BudgetPolicy.Skip && IsOptional(node))
        {
            Exceeded(node, plan, refusal, "skip", refusal.Reason);
            Skip(node, $"Budget: {refusal.Reason}; skipped before the model call (optional node, policy skip).", SkipCauses.Budget);
            return false;
        }

        if (policy == BudgetPolicy.Approve)
        {
            Exceeded(node, plan, refusal, "approve", refusal.Reason);
            AwaitApproval(node, "budget", $"Budget: {refusal.Reason}; waiting for approval before the model call.", plan.ReservationUsd, plan.Model);
            return false;
        }

        var why = policy switch
        {
            BudgetPolicy.Downgrade => $"{refusal.Reason}; no cheaper model of a lower tier fits either",
            BudgetPolicy.Skip => $"{refusal.Reason}; the node is not optional, so the skip policy cannot skip it",
            _ => refusal.Reason,
        };
        Exceeded(node, plan, refusal, policy.ToString().ToLowerInvariant(), why);
        FailNode(node, $"Budget: {why}; stopped before the model call.", _now);
        return false;
    }

    private void AwaitApproval(NodeState node, string kind, string reason, decimal? estimate, string? model)
    {
        Set(node with { Status = NodeStatus.AwaitingApproval, Error = reason, Approval = new JsonObject { ["pending"] = kind, ["reason"] = reason } });
        Emit("approval_requested", node.NodeId, Data(("kind", kind), ("reason", reason), ("estimate_usd", estimate), ("model", model), ("attempt", node.Attempt)));
    }

    private BudgetRefusal? Refusal(string nodeId, NodeCostPlan plan)
    {
        var estimate = plan.ReservationUsd;
        if (_index.Definition(nodeId).Policy.MaxCostUsd is { } max && estimate > max)
        {
            return new("node", max, $"estimated cost ${Units.FormatUsd(estimate)} of the next model call ({plan.Model}) exceeds the node's max_cost_usd ${Units.FormatUsd(max)}");
        }

        if (_header.BudgetUsd is { } limit && _header.SpentUsd + _header.ReservedUsd + estimate > limit)
        {
            return new("run", limit,
                $"estimated cost ${Units.FormatUsd(estimate)} of the next model call ({plan.Model}) would exceed the run budget ${Units.FormatUsd(limit)} " +
                $"(spent ${Units.FormatUsd(_header.SpentUsd)}, reserved ${Units.FormatUsd(_header.ReservedUsd)})");
        }

        return (_budget.DomainDenial(nodeId, plan.Model) ?? DomainDenial(nodeId, plan.Model)) is { } domain ? new("domain", null, domain) : null;
    }

    private bool Schedule(NodeState node, NodeCostPlan plan, TimeSpan delay)
    {
        var own = _budget.PlanOf(NodeInstanceIds.BaseOf(node.NodeId)).Model;
        var model = plan.Model == own ? null : plan.Model;
        _header = _header with { ReservedUsd = _header.ReservedUsd + plan.ReservationUsd };
        Set(node with
        {
            Status = NodeStatus.Scheduled,
            ReservedUsd = plan.ReservationUsd,
            ScheduledAt = _now,
            StartedAt = null,
            DispatchModel = model,
            Error = node.Attempt == 1 ? null : node.Error,
        });
        _dispatches.Add(new WorkItemDispatch(node.NodeId, node.Attempt, delay, model, plan.Domain, plan.ReservationUsd, node.BudgetApproved)
        {
            Iteration = node.Iteration,
            InjectionApproved = node.Approval?["kind"]?.GetValue<string>() == "prompt_injection" && node.Approval["decision"]?.GetValue<string>() == "approved",
        });
        if (node.Attempt == 1)
        {
            Emit("node_scheduled", node.NodeId, Data(
                ("attempt", 1), ("reserved_usd", plan.ReservationUsd), ("model", plan.Model), ("domain", plan.Domain),
                ("budget_approved", node.BudgetApproved ? true : null), ("iteration", IterationOf(node)),
                ("needs", new JsonArray([.. _index.Definition(node.NodeId).Needs.Select(n => (JsonNode?)n)]))));
        }

        return true;
    }

    private void Exceeded(NodeState node, NodeCostPlan plan, BudgetRefusal refusal, string policy, string reason) =>
        Emit("budget_exceeded", node.NodeId, Data(
            ("scope", refusal.Scope), ("estimate_usd", plan.ReservationUsd), ("limit_usd", refusal.LimitUsd), ("model", plan.Model),
            ("spent_usd", _header.SpentUsd), ("reserved_usd", _header.ReservedUsd), ("policy", policy), ("reason", reason)));

    /// <summary>
    /// An attempt came back unexecuted because the domain budget refused its reservation (checked by the activity, which
    /// owns the I/O): remember the refusal for that model and dispatch the node again, so the graph's policy decides
    /// (a cheaper model, skip, approval or failure) exactly as for a refusal known before dispatch.
    /// </summary>
    private void RefusedByDomain(NodeState node, NodeResult result, string reason)
    {
        var model = result.Model ?? node.DispatchModel ?? _budget.PlanOf(NodeInstanceIds.BaseOf(node.NodeId)).Model;
        if (model is not null)
        {
            if (!_domainDenials.TryGetValue(node.NodeId, out var byModel))
            {
                _domainDenials[node.NodeId] = byModel = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            byModel[model] = reason;
        }

        _header = _header with { ReservedUsd = Math.Max(0, _header.ReservedUsd - node.ReservedUsd) };
        Dispatch(node with { Status = NodeStatus.Pending, ReservedUsd = 0, DispatchModel = null }, TimeSpan.Zero);
    }

    private string? DomainDenial(string nodeId, string? model) =>
        model is not null && _domainDenials.TryGetValue(nodeId, out var byModel) && byModel.TryGetValue(model, out var reason) ? reason : null;

    private sealed record BudgetRefusal(string Scope, decimal? LimitUsd, string Reason);
}
