using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// One entry of a run's event stream. Events are numbered 1, 2, 3 … in the order the orchestrator committed them,
/// so a client resumes a stream by asking for events after the last sequence number it saw.
/// </summary>
/// <param name="Seq">Sequence number in the run, from 1.</param>
/// <param name="Type">Event type: <c>run_started</c>, <c>node_scheduled</c>, <c>context_compiled</c>, <c>model_called</c>,
/// <c>node_succeeded</c>, <c>node_failed</c>, <c>node_retry_scheduled</c>, <c>node_skipped</c>, <c>budget_exceeded</c>,
/// <c>routing_decided</c>, <c>output_repaired</c>, <c>budget_downgraded</c>, <c>approval_requested</c>, <c>approval_granted</c>,
/// <c>approval_rejected</c>, <c>join_satisfied</c>, <c>for_each_expanded</c>, <c>loop_iteration_started</c>, <c>loop_completed</c>,
/// <c>loop_exhausted</c>, <c>run_succeeded</c>, <c>run_failed</c>. Node events of a loop iteration after the first carry
/// <c>iteration</c>; those of a <c>for_each</c> instance carry the instance id (<c>review[3]</c>) as node id.</param>
/// <param name="NodeId">The node it concerns, or null for run-level events.</param>
/// <param name="At">When the orchestrator recorded it.</param>
/// <param name="Data">Type-specific data.</param>
public sealed record RunEvent(long Seq, string Type, string? NodeId, DateTimeOffset At, JsonObject Data);
