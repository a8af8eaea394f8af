using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration;

public static partial class RunTransition
{
    private sealed class TransitionState(RunSnapshot snapshot, GraphDefinition graph, IReadOnlyDictionary<string, decimal> reservations, DateTimeOffset now)
    {
        private readonly GraphIndex _index = GraphIndex.For(graph);
        private readonly Dictionary<string, NodeState> _nodes = new(snapshot.Nodes, StringComparer.Ordinal);
        private readonly Dictionary<string, NodeState> _changed = new(StringComparer.Ordinal);
        private readonly List<WorkItemDispatch> _dispatches = [];
        private readonly List<RunEvent> _events = [];
        private readonly Queue<string> _candidates = new();
        private RunHeader _header = snapshot.Header;

        public void Start()
        {
            if (_header.Status != RunStatus.Pending)
            {
                return;
            }

            _header = _header with { Status = RunStatus.Running, StartedAt = now };
            Emit("run_started", null, Data(("graph", _header.GraphName), ("graph_hash", _header.GraphHash), ("inputs", _header.Inputs.DeepClone())));
            foreach (var root in _index.Topology.Roots)
            {
                _candidates.Enqueue(root);
            }
        }

        public void Complete(NodeResult result)
        {
            if (!_nodes.TryGetValue(result.NodeId, out var node)
                || node.Attempt != result.Attempt
                || node.Status is not (NodeStatus.Scheduled or NodeStatus.Running))
            {
                return; // duplicate or stale completion: already applied
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
            if (result.Succeeded)
            {
                Set(node with { Status = NodeStatus.Succeeded, Output = result.Output?.DeepClone(), Error = null, CompletedAt = result.CompletedAt });
                Emit("node_succeeded", result.NodeId, Data(
                    ("attempt", result.Attempt), ("started_at", result.StartedAt), ("completed_at", result.CompletedAt),
                    ("duration_ms", result.DurationMs), ("cost_usd", result.CostUsd)));
                EnqueueSuccessors(result.NodeId);
                return;
            }

            var policy = _index.Nodes[result.NodeId].Policy;
            if (result.Attempt <= policy.Retries && !_header.Status.IsTerminal())
            {
                var next = result.Attempt + 1;
                var delay = RetryDelay(next);
                node = node with { Error = result.Error, Output = result.Output?.DeepClone() };
                if (TryReserve(node, out var reserved))
                {
                    Set(node with { Status = NodeStatus.Scheduled, Attempt = next, ReservedUsd = reserved, ScheduledAt = now, StartedAt = null });
                    _dispatches.Add(new WorkItemDispatch(result.NodeId, next, delay));
                    Emit("node_retry_scheduled", result.NodeId, Data(
                        ("failed_attempt", result.Attempt), ("error", result.Error), ("next_attempt", next), ("delay_ms", (long)delay.TotalMilliseconds)));
                }

                return;
            }

            FailNode(node with { Output = result.Output?.DeepClone() }, result.Error ?? "failed", result.CompletedAt);
        }

        public void Schedule()
        {
            while (_header.Status == RunStatus.Running && _candidates.TryDequeue(out var nodeId))
            {
                var state = _nodes[nodeId];
                if (state.Status != NodeStatus.Pending)
                {
                    continue;
                }

                var needs = _index.Nodes[nodeId].Needs.Select(n => _nodes[n]).ToList();
                if (needs.Any(n => n.Status is NodeStatus.Failed or NodeStatus.Skipped))
                {
                    var blocker = needs.First(n => n.Status is NodeStatus.Failed or NodeStatus.Skipped).NodeId;
                    Skip(state, $"needed node '{blocker}' did not succeed");
                    continue;
                }

                if (needs.Any(n => n.Status != NodeStatus.Succeeded))
                {
                    continue; // fan-in: wait until every needed node succeeded
                }

                if (TryReserve(state, out var reserved))
                {
                    Set(state with { Status = NodeStatus.Scheduled, Attempt = 1, ReservedUsd = reserved, ScheduledAt = now });
                    _dispatches.Add(new WorkItemDispatch(nodeId, 1, TimeSpan.Zero));
                    Emit("node_scheduled", nodeId, Data(("attempt", 1), ("reserved_usd", reserved), ("needs", new JsonArray([.. needs.Select(n => (JsonNode?)n.NodeId)]))));
                }
            }
        }

        public void FinishIfDone()
        {
            if (_header.Status != RunStatus.Running || _nodes.Values.Any(n => !n.Status.IsTerminal()))
            {
                return;
            }

            _header = _header with { Status = RunStatus.Succeeded, CompletedAt = now };
            Emit("run_succeeded", null, Data(("cost_usd", _header.SpentUsd), ("nodes", _nodes.Count)));
        }

        public TransitionResult ToResult() =>
            new(_header with { NextEventSeq = _header.NextEventSeq }, [.. _changed.Values], _dispatches, _events);

        private bool TryReserve(NodeState node, out decimal reserved)
        {
            reserved = reservations.GetValueOrDefault(node.NodeId);
            var policy = _index.Nodes[node.NodeId].Policy;
            if (policy.MaxCostUsd is { } nodeMax && reserved > nodeMax)
            {
                BudgetExceeded(node, "node", reserved, nodeMax, $"estimated cost ${Units.FormatUsd(reserved)} of the next model call exceeds the node's max_cost_usd ${Units.FormatUsd(nodeMax)}");
                return false;
            }

            if (_header.BudgetUsd is { } budget && _header.SpentUsd + _header.ReservedUsd + reserved > budget)
            {
                BudgetExceeded(node, "run", reserved, budget,
                    $"estimated cost ${Units.FormatUsd(reserved)} of the next model call would exceed the run budget ${Units.FormatUsd(budget)} " +
                    $"(spent ${Units.FormatUsd(_header.SpentUsd)}, reserved ${Units.FormatUsd(_header.ReservedUsd)})");
                return false;
            }

            _header = _header with { ReservedUsd = _header.ReservedUsd + reserved };
            return true;
        }

        private void BudgetExceeded(NodeState node, string scope, decimal estimate, decimal limit, string reason)
        {
            Emit("budget_exceeded", node.NodeId, Data(
                ("scope", scope), ("estimate_usd", estimate), ("limit_usd", limit), ("spent_usd", _header.SpentUsd),
                ("reserved_usd", _header.ReservedUsd), ("policy", "fail"), ("reason", reason)));
            FailNode(node, $"Budget: {reason}; stopped before the model call.", now);
        }

        private void FailNode(NodeState node, string error, DateTimeOffset completedAt)
        {
            Set(node with { Status = NodeStatus.Failed, Error = error, CompletedAt = completedAt });
            Emit("node_failed", node.NodeId, Data(("attempt", node.Attempt), ("error", error)));
            if (_header.Status.IsTerminal())
            {
                return;
            }

            _header = _header with { Status = RunStatus.Failed, CompletedAt = now, Error = $"Node '{node.NodeId}' failed: {error}" };
            foreach (var pending in _nodes.Values.Where(n => n.Status == NodeStatus.Pending).ToList())
            {
                Skip(pending, $"the run failed at node '{node.NodeId}'");
            }

            Emit("run_failed", null, Data(("node", node.NodeId), ("error", error), ("cost_usd", _header.SpentUsd)));
        }

        private void Skip(NodeState node, string reason)
        {
            Set(node with { Status = NodeStatus.Skipped, Error = reason, CompletedAt = now });
            Emit("node_skipped", node.NodeId, Data(("reason", reason)));
            EnqueueSuccessors(node.NodeId);
        }

        private void EnqueueSuccessors(string nodeId)
        {
            foreach (var successor in _index.Topology.Successors(nodeId))
            {
                _candidates.Enqueue(successor);
            }
        }

        private void EmitExecutionEvents(NodeResult result)
        {
            if (result.Details?["manifest"] is JsonNode manifest)
            {
                Emit("context_compiled", result.NodeId, Data(
                    ("attempt", result.Attempt), ("manifest", manifest.DeepClone()), ("skill_version", result.Details["skill_version"]?.DeepClone())));
            }

            if (result.Model is not null)
            {
                Emit("model_called", result.NodeId, Data(
                    ("attempt", result.Attempt), ("model", result.Model), ("provider", result.Provider), ("recorded", result.Recorded),
                    ("reason", result.Details?["model_reason"]?.DeepClone()), ("input_tokens", result.InputTokens),
                    ("output_tokens", result.OutputTokens), ("cost_usd", result.CostUsd), ("estimate_usd", result.Details?["estimate_usd"]?.DeepClone())));
            }
        }

        private void Set(NodeState node)
        {
            _nodes[node.NodeId] = node;
            _changed[node.NodeId] = node;
        }

        private void Emit(string type, string? nodeId, JsonObject data)
        {
            _events.Add(new RunEvent(_header.NextEventSeq, type, nodeId, now, data));
            _header = _header with { NextEventSeq = _header.NextEventSeq + 1 };
        }
    }
}
