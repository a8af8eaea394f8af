using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration;

/// <content>
/// Success of a node attempt, and bounded refinement loops: when a loop node succeeds its <c>until</c> is evaluated; while it
/// is false and iterations remain, the loop body (<c>back_to</c> through the loop node) is reset to pending in a new iteration.
/// </content>
public sealed partial class RunMachine
{
    private void Succeed(NodeState node, NodeResult result)
    {
        var done = node with { Status = NodeStatus.Succeeded, Output = result.Output?.DeepClone(), Error = null, CompletedAt = result.CompletedAt };
        Set(done);
        Emit("node_succeeded", result.NodeId, Data(
            ("attempt", result.Attempt), ("started_at", result.StartedAt), ("completed_at", result.CompletedAt),
            ("duration_ms", result.DurationMs), ("cost_usd", result.CostUsd), ("iteration", IterationOf(node))));
        if (NodeInstanceIds.TryParse(result.NodeId, out var parent, out _))
        {
            InstanceEnded(parent);
        }
        else if (_index.Nodes[result.NodeId].Loop is { } loop && Active)
        {
            IterationEnded(done, loop);
        }
        else
        {
            EnqueueSuccessors(result.NodeId);
        }
    }

    /// <summary>Ends the loop (until met, or iterations exhausted) or starts the next iteration.</summary>
    private void IterationEnded(NodeState done, NodeLoop loop)
    {
        bool met;
        try
        {
            met = loop.Until.IsTrue(_header.Inputs, Outputs);
        }
        catch (GraphExpressionException ex)
        {
            FailNode(done, $"The loop's until condition could not be evaluated: {ex.Message}", _now);
            return;
        }

        if (met)
        {
            Emit("loop_completed", done.NodeId, Data(("iterations", done.Iteration), ("until", loop.Until.Text)));
            EnqueueSuccessors(done.NodeId);
            return;
        }

        if (done.Iteration < loop.MaxIterations)
        {
            StartIteration(done.NodeId, loop, done.Iteration + 1, $"until '{loop.Until.Text}' was false after iteration {done.Iteration}");
            return;
        }

        Emit("loop_exhausted", done.NodeId, Data(
            ("iterations", done.Iteration), ("until", loop.Until.Text), ("on_exhausted", loop.OnExhausted.ToString().ToLowerInvariant())));
        if (loop.OnExhausted == LoopExhaustion.Continue)
        {
            EnqueueSuccessors(done.NodeId);
            return;
        }

        FailNode(done, $"The loop gave up after {done.Iteration} iteration(s) (max_iterations {loop.MaxIterations}): until '{loop.Until.Text}' was still false.", _now);
    }

    /// <summary>
    /// Resets every node of the loop body to pending in iteration <paramref name="iteration"/>, keeping each one's last
    /// output as its previous output (what <c>nodes.id.output</c> reads until it succeeds again). Attempts still in flight
    /// lose their reservation; their completions carry the old iteration and are ignored.
    /// </summary>
    private void StartIteration(string loopNodeId, NodeLoop loop, int iteration, string reason)
    {
        var body = _index.LoopBodies[loopNodeId];
        foreach (var id in body)
        {
            var state = _nodes[id];
            if (state.Status is NodeStatus.Scheduled or NodeStatus.Running)
            {
                _header = _header with { ReservedUsd = Math.Max(0, _header.ReservedUsd - state.ReservedUsd) };
            }

            Set(state with
            {
                Status = NodeStatus.Pending,
                Iteration = iteration,
                Attempt = 0,
                PreviousOutput = state.Status == NodeStatus.Succeeded ? state.Output : state.PreviousOutput,
                Output = null,
                Error = null,
                SkipCause = null,
                ReservedUsd = 0,
                ScheduledAt = null,
                StartedAt = null,
                CompletedAt = null,
                DispatchModel = null,
                BudgetApproved = false,
            });
        }

        Emit("loop_iteration_started", loopNodeId, Data(
            ("iteration", iteration), ("max_iterations", loop.MaxIterations), ("back_to", loop.BackTo), ("reason", reason),
            ("nodes", Names(body.Select(id => _nodes[id])))));
        foreach (var id in body)
        {
            Candidate(id);
        }
    }
}
