using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration;

public static partial class RunTransition
{
    /// <content>Dispatching under budgets: reserve, or apply the graph's policy (fail, skip, downgrade, approve) before any model call.</content>
    private sealed partial class TransitionState
    {
        /// <summary>Dispatches the node's current attempt if its reservation fits every budget, else applies the policy.</summary>
        /// <returns>True when a work item was dispatched.</returns>
        private bool Dispatch(NodeState node, TimeSpan delay)
        {
            if (_index.Nodes[NodeInstanceIds.BaseOf(node.NodeId)].Policy.ApprovalRequired && !(node.Approval?["kind"]?.GetValue<string>() == "policy" && node.Approval["decision"]?.GetValue<string>() == "approved"))
            {
                AwaitApproval(node, "policy", "the node's policy requires a human approval before it runs", null, null);
                return false;
            }

            var plan = budget.PlanOf(NodeInstanceIds.BaseOf(node.NodeId));
            if (node.BudgetApproved || Refusal(node.NodeId, plan) is not { } refusal)
            {
                return Schedule(node, plan, delay);
            }

            var policy = graph.Budget.OnExceed;
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
            FailNode(node, $"Budget: {why}; stopped before the model call.", now);
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

            return budget.DomainDenial(nodeId, plan.Model) is { } domain ? new("domain", null, domain) : null;
        }

        private bool Schedule(NodeState node, NodeCostPlan plan, TimeSpan delay)
        {
            var own = budget.PlanOf(NodeInstanceIds.BaseOf(node.NodeId)).Model;
            var model = plan.Model == own ? null : plan.Model;
            _header = _header with { ReservedUsd = _header.ReservedUsd + plan.ReservationUsd };
            Set(node with
            {
                Status = NodeStatus.Scheduled,
                ReservedUsd = plan.ReservationUsd,
                ScheduledAt = now,
                StartedAt = null,
                DispatchModel = model,
                Error = node.Attempt == 1 ? null : node.Error,
            });
            _dispatches.Add(new WorkItemDispatch(node.NodeId, node.Attempt, delay, model, plan.Domain, plan.ReservationUsd, node.BudgetApproved) { Iteration = node.Iteration });
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

        private sealed record BudgetRefusal(string Scope, decimal? LimitUsd, string Reason);
    }
}
