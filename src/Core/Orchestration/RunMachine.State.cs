using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration;

public sealed partial class RunMachine
{
    private void Start()
    {
        if (_header.Status != RunStatus.Pending)
        {
            return;
        }

        _header = _header with { Status = RunStatus.Running, StartedAt = _now };
        Emit("run_started", null, Data(
            ("graph", _header.GraphName), ("graph_hash", _header.GraphHash), ("inputs", _header.Inputs.DeepClone()),
            ("replay_of", _header.Replay?.ParentRunId), ("replay_from", _header.Replay?.FromNode), ("replay_mode", _header.Replay?.Mode),
            ("copied", _header.Replay is null ? null : new JsonArray([.. _header.Replay.CopiedNodes.Select(n => (JsonNode?)n)]))));

        // Every pending node is a candidate: roots run at once; in a replay, the successors of copied nodes too.
        foreach (var id in _index.Topology.TopologicalOrder().Where(id => _nodes[id].Status == NodeStatus.Pending))
        {
            Candidate(id);
        }
    }

    private void Complete(NodeResult result)
    {
        if (!_nodes.TryGetValue(result.NodeId, out var node)
            || node.Attempt != result.Attempt
            || node.Iteration != result.Iteration
            || node.Instances is not null
            || !(node.Status is NodeStatus.Scheduled or NodeStatus.Running || IsWithdrawn(node)))
        {
            return; // duplicate, or stale (an older attempt or loop iteration): already applied or no longer wanted
        }

        if (result.DomainRefusal is { } refusal && Active)
        {
            RefusedByDomain(node, result, refusal);
            return;
        }

        _header = _header with
        {
            ReservedUsd = Math.Max(0, _header.ReservedUsd - node.ReservedUsd),
            SpentUsd = _header.SpentUsd + result.CostUsd,
        };
        node = node with
        {
            ReservedUsd = 0,
            CostUsd = node.CostUsd + result.CostUsd,
            InputTokens = node.InputTokens + result.InputTokens,
            OutputTokens = node.OutputTokens + result.OutputTokens,
            StartedAt = result.StartedAt,
            DurationMs = result.DurationMs,
            Model = result.Model,
            Provider = result.Provider,
            Recorded = result.Recorded,
            Details = result.Details?.DeepClone().AsObject(),
        };
        EmitExecutionEvents(result);
        if (_header.Status == RunStatus.Cancelled)
        {
            CompleteAfterCancel(node, result);
            return;
        }

        if (result.Succeeded)
        {
            Succeed(node, result);
            return;
        }

        var policy = _index.Definition(result.NodeId).Policy;
        node = node with { Error = result.Error, Output = result.Output?.DeepClone() };
        if (result.Details?["prompt_injection"]?["held"]?.GetValue<bool>() == true && Active)
        {
            // Domain policy approve: the node ran no model call past the finding; a human decides whether it runs with it.
            AwaitApproval(node, "prompt_injection", result.Error ?? "a prompt-injection finding waits for approval", null, null);
            return;
        }

        if (result.Attempt <= policy.Retries && Active)
        {
            var next = result.Attempt + 1;
            Set(node with { Attempt = next });
            if (Dispatch(_nodes[result.NodeId], RunTransition.RetryDelay(next)))
            {
                Emit("node_retry_scheduled", result.NodeId, Data(
                    ("failed_attempt", result.Attempt), ("error", result.Error), ("next_attempt", next), ("delay_ms", (long)RunTransition.RetryDelay(next).TotalMilliseconds),
                    ("iteration", IterationOf(node))));
            }

            return;
        }

        FailNode(node, result.Error ?? "failed", result.CompletedAt);
    }

    private void Decide(ApprovalDecided decision)
    {
        if (!_nodes.TryGetValue(decision.NodeId, out var node) || node.Status != NodeStatus.AwaitingApproval || !Active)
        {
            return; // already decided, or nothing to decide
        }

        var kind = node.Approval?["pending"]?.GetValue<string>() ?? "budget";
        var record = new JsonObject
        {
            ["decision"] = decision.Approved ? "approved" : "rejected",
            ["kind"] = kind,
            ["by"] = decision.By,
            ["comment"] = decision.Comment,
            ["at"] = _now,
        };
        Emit(decision.Approved ? "approval_granted" : "approval_rejected", node.NodeId, Data(("kind", kind), ("by", decision.By), ("comment", decision.Comment)));
        node = node with { Approval = record };
        if (decision.Approved)
        {
            // A node held after it ran (a prompt-injection finding) runs again as its next attempt; a node held before it ran keeps its attempt.
            Dispatch(node with { BudgetApproved = node.BudgetApproved || kind == "budget", Status = NodeStatus.Pending, Attempt = kind == "prompt_injection" ? node.Attempt + 1 : node.Attempt }, TimeSpan.Zero);
        }
        else
        {
            FailNode(node, $"{(kind == "budget" ? "Budget approval" : "Approval")} rejected{(decision.By is null ? string.Empty : $" by {decision.By}")}{(decision.Comment is null ? string.Empty : $": {decision.Comment}")}.", _now);
        }
    }

    private void Schedule()
    {
        while (Active && _candidates.TryDequeue(out var nodeId))
        {
            _queued.Remove(nodeId);
            if (_nodes[nodeId] is { Status: NodeStatus.Pending } state)
            {
                Consider(state);
            }
        }
    }

    private void FinishIfDone()
    {
        if (!Active)
        {
            return;
        }

        // Counters kept by Set, so ending a 10,000-node run costs nothing per step.
        if (_open == 0)
        {
            _header = _header with { Status = RunStatus.Succeeded, CompletedAt = _now };
            var graphNodes = _nodes.Values.Where(n => _index.Nodes.ContainsKey(n.NodeId)).ToList();
            Emit("run_succeeded", null, Data(
                ("cost_usd", _header.SpentUsd), ("nodes", graphNodes.Count),
                ("skipped", Names(graphNodes.Where(n => n.Status == NodeStatus.Skipped))),
                ("optional_failed", Names(graphNodes.Where(n => n.Status == NodeStatus.Failed)))));
            return;
        }

        _header = _header with { Status = _awaitingApproval > 0 ? RunStatus.AwaitingApproval : RunStatus.Running };
    }

    private bool IsOptional(NodeState node) => _index.Definition(node.NodeId).Policy.Optional;

    private void FailNode(NodeState node, string error, DateTimeOffset completedAt)
    {
        Set(node with { Status = NodeStatus.Failed, Error = error, CompletedAt = completedAt, ReservedUsd = 0 });
        var instance = NodeInstanceIds.TryParse(node.NodeId, out var parent, out _);
        var optional = !instance && IsOptional(node);
        Emit("node_failed", node.NodeId, Data(
            ("attempt", node.Attempt), ("error", error), ("iteration", IterationOf(node)), ("optional", optional ? true : null)));
        if (instance)
        {
            InstanceEnded(parent!);
            return;
        }

        if (optional)
        {
            EnqueueSuccessors(node.NodeId); // an optional node's failure does not fail the run: successors read null
            return;
        }

        if (!Active)
        {
            return;
        }

        _header = _header with { Status = RunStatus.Failed, CompletedAt = _now, Error = $"Node '{node.NodeId}' failed: {error}" };
        foreach (var pending in _nodes.Values.Where(n => n.Status is NodeStatus.Pending or NodeStatus.AwaitingApproval).ToList())
        {
            Skip(pending, $"the run failed at node '{node.NodeId}'", SkipCauses.RunFailed);
        }

        // Work items already sent but not started are withdrawn: a worker that takes one finds the node cancelled.
        foreach (var scheduled in _nodes.Values.Where(n => n.Status == NodeStatus.Scheduled).ToList())
        {
            var reason = $"the run failed at node '{node.NodeId}' before this attempt started";
            _header = _header with { ReservedUsd = Math.Max(0, _header.ReservedUsd - scheduled.ReservedUsd) };
            Set(scheduled with { Status = NodeStatus.Cancelled, Error = reason, CompletedAt = _now, ReservedUsd = 0, SkipCause = SkipCauses.RunFailed });
            Emit("node_cancelled", scheduled.NodeId, Data(("reason", reason), ("was", NodeStatus.Scheduled.ToWire())));
        }

        Emit("run_failed", null, Data(("node", node.NodeId), ("error", error), ("cost_usd", _header.SpentUsd)));
    }

    // A node whose work item was withdrawn when the run failed; a worker may have started it anyway (it took the work
    // item just before), so its completion is still recorded, with its cost.
    private static bool IsWithdrawn(NodeState node) => node is { Status: NodeStatus.Cancelled, SkipCause: SkipCauses.RunFailed };

    private void Skip(NodeState node, string reason, string cause, string? condition = null)
    {
        Set(node with { Status = NodeStatus.Skipped, Error = reason, CompletedAt = _now, SkipCause = cause, ReservedUsd = 0 });
        Emit("node_skipped", node.NodeId, Data(("reason", reason), ("cause", cause), ("condition", condition), ("iteration", IterationOf(node))));
        if (NodeInstanceIds.TryParse(node.NodeId, out var parent, out _))
        {
            InstanceEnded(parent);
            return;
        }

        EnqueueSuccessors(node.NodeId);
    }

    private void EnqueueSuccessors(string nodeId)
    {
        foreach (var successor in _index.Topology.Successors(nodeId))
        {
            Candidate(successor);
        }
    }

    // Queues a node to be considered by Schedule, once however many of its needs ended in this step (a fan-in of
    // 10,000 is then checked once per step, not once per completion).
    private void Candidate(string nodeId)
    {
        if (_queued.Add(nodeId))
        {
            _candidates.Enqueue(nodeId);
        }
    }

    private void EmitExecutionEvents(NodeResult result)
    {
        if (result.Details?["routing"] is JsonObject routing)
        {
            Emit("routing_decided", result.NodeId, routing.DeepClone().AsObject());
        }

        if (result.Details?["manifest"] is JsonNode manifest)
        {
            Emit("context_compiled", result.NodeId, Data(
                ("attempt", result.Attempt), ("manifest", manifest.DeepClone()), ("skill_version", result.Details["skill_version"]?.DeepClone())));
        }

        if (result.Model is not null)
        {
            Emit("model_called", result.NodeId, Data(
                ("attempt", result.Attempt), ("model", result.Model), ("provider", result.Provider), ("recorded", result.Recorded),
                ("reason", result.Details?["model_reason"]?.DeepClone()), ("attempts", result.Details?["attempts"]?.DeepClone()),
                ("input_tokens", result.InputTokens), ("output_tokens", result.OutputTokens), ("cost_usd", result.CostUsd),
                ("turns", result.Details?["model_turns"]?.DeepClone()),
                ("estimate_usd", result.Details?["estimate_usd"]?.DeepClone())));
        }

        if (result.Details?["tool_calls"] is JsonArray toolCalls)
        {
            foreach (var call in toolCalls.OfType<JsonObject>())
            {
                Emit("tool_called", result.NodeId, Data(
                    ("attempt", result.Attempt), ("name", call["name"]?.DeepClone()), ("source", call["source"]?.DeepClone()),
                    ("outcome", call["outcome"]?.DeepClone()), ("reason", call["reason"]?.DeepClone()), ("arguments", call["arguments"]?.DeepClone()),
                    ("result_chars", call["result_chars"]?.DeepClone()), ("duration_ms", call["duration_ms"]?.DeepClone())));
            }
        }

        if (result.Details?["pii"] is JsonObject pii)
        {
            // Kinds and counts only: the values and the token map never reach events.
            Emit("pii_detected", result.NodeId, Data(
                ("attempt", result.Attempt), ("policy", pii["policy"]?.DeepClone()), ("redacted", pii["redacted"]?.DeepClone()), ("blocked", pii["blocked"]?.DeepClone())));
        }

        if (result.Details?["prompt_injection"] is JsonObject injection)
        {
            foreach (var finding in injection["findings"]!.AsArray().OfType<JsonObject>())
            {
                Emit("prompt_injection_detected", result.NodeId, Data(
                    ("attempt", result.Attempt), ("policy", injection["policy"]?.DeepClone()), ("source", finding["source"]?.DeepClone()),
                    ("rule", finding["rule"]?.DeepClone()), ("start", finding["start"]?.DeepClone()), ("span", finding["span"]?.DeepClone()),
                    ("action", finding["action"]?.DeepClone())));
            }
        }

        if (result.Details?["repair"] is JsonObject repair)
        {
            Emit("output_repaired", result.NodeId, repair.DeepClone().AsObject());
        }
    }
}
