using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Orchestration;

/// <content>Cancellation: stop scheduling, cancel what has not started, let running attempts stop cooperatively.</content>
public sealed partial class RunMachine
{
    private void Cancel(CancelRun cancel)
    {
        if (_header.Status.IsTerminal())
        {
            return; // cancelling an ended run changes nothing (idempotent)
        }

        var reason = $"Cancelled{(cancel.By is null ? string.Empty : $" by {cancel.By}")}{(cancel.Reason is null ? string.Empty : $": {cancel.Reason}")}.";
        var running = new JsonArray();
        foreach (var node in _nodes.Values.OrderBy(n => n.NodeId, StringComparer.Ordinal).ToList())
        {
            var executing = node.Status == NodeStatus.Running || (node.Status == NodeStatus.Scheduled && cancel.Executing?.Contains(node.NodeId) == true);
            switch (node.Status)
            {
                case NodeStatus.Pending or NodeStatus.AwaitingApproval or NodeStatus.Scheduled when !executing:
                    _header = _header with { ReservedUsd = Math.Max(0, _header.ReservedUsd - node.ReservedUsd) };
                    Set(node with { Status = NodeStatus.Cancelled, Error = reason, CompletedAt = _now, ReservedUsd = 0 });
                    Emit("node_cancelled", node.NodeId, Data(("reason", reason), ("was", node.Status.ToWire())));
                    break;
                case NodeStatus.Running or NodeStatus.Scheduled:
                    running.Add(node.NodeId);
                    break;
            }
        }

        _header = _header with { Status = RunStatus.Cancelled, CompletedAt = _now, Error = reason };
        Emit("run_cancelled", null, Data(("by", cancel.By), ("reason", cancel.Reason), ("stopping", running), ("cost_usd", _header.SpentUsd)));
    }

    /// <summary>Records the completion of an attempt that was running when the run was cancelled.</summary>
    private void CompleteAfterCancel(NodeState node, NodeResult result)
    {
        if (result.Succeeded)
        {
            Set(node with { Status = NodeStatus.Succeeded, Output = result.Output?.DeepClone(), Error = null, CompletedAt = result.CompletedAt });
            Emit("node_succeeded", result.NodeId, Data(("attempt", result.Attempt), ("completed_at", result.CompletedAt), ("after_cancel", true)));
            return;
        }

        Set(node with { Status = NodeStatus.Cancelled, Error = result.Error, CompletedAt = result.CompletedAt });
        Emit("node_cancelled", result.NodeId, Data(("reason", result.Error), ("was", NodeStatus.Running.ToWire())));
    }
}
