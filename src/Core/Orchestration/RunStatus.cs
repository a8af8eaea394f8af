namespace AgentFunctions.Core.Orchestration;

/// <summary>Lifecycle of a run: <c>pending → running (⇄ awaiting_approval) → succeeded | failed | cancelled</c>.</summary>
public enum RunStatus
{
    /// <summary>Accepted; the orchestrator has not started it yet.</summary>
    Pending,

    /// <summary>The orchestrator is scheduling its nodes.</summary>
    Running,

    /// <summary>A node waits for a human to approve a model call that would exceed a budget; other nodes may still run.</summary>
    AwaitingApproval,

    /// <summary>Every node succeeded.</summary>
    Succeeded,

    /// <summary>A node failed after its retries, or the budget stopped the run.</summary>
    Failed,

    /// <summary>Someone cancelled it (<c>POST /api/runs/{id}/cancel</c>); nothing more is scheduled.</summary>
    Cancelled,
}

/// <summary>Lifecycle of a node in a run: <c>pending → scheduled → running → succeeded | failed</c>, or <c>skipped</c>.</summary>
public enum NodeStatus
{
    /// <summary>Waiting for the nodes it needs.</summary>
    Pending,

    /// <summary>A work item for its current attempt is on the queue.</summary>
    Scheduled,

    /// <summary>A worker is executing its current attempt.</summary>
    Running,

    /// <summary>Its model call would exceed a budget and the graph's policy is <c>approve</c>: it waits for a human decision.</summary>
    AwaitingApproval,

    /// <summary>Finished successfully; its output is recorded.</summary>
    Succeeded,

    /// <summary>Failed on its last attempt, or was stopped before a model call by a budget.</summary>
    Failed,

    /// <summary>Not run, because a node it needs did not succeed or the run ended first.</summary>
    Skipped,

    /// <summary>The run was cancelled before the node finished (a running attempt was stopped cooperatively).</summary>
    Cancelled,
}

/// <summary>Helpers for the status enums.</summary>
public static class StatusExtensions
{
    /// <summary>Gets whether a run status is final.</summary>
    /// <param name="status">The status.</param>
    /// <returns>True for succeeded, failed and cancelled.</returns>
    public static bool IsTerminal(this RunStatus status) => status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;

    /// <summary>Gets whether a node status is final.</summary>
    /// <param name="status">The status.</param>
    /// <returns>True for succeeded, failed, skipped and cancelled.</returns>
    public static bool IsTerminal(this NodeStatus status) => status is NodeStatus.Succeeded or NodeStatus.Failed or NodeStatus.Skipped or NodeStatus.Cancelled;

    /// <summary>Gets the snake_case wire name of a status (<c>succeeded</c>, <c>awaiting_approval</c>).</summary>
    /// <param name="status">The status.</param>
    /// <returns>The name.</returns>
    public static string ToWire(this RunStatus status) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    /// <summary>Gets the snake_case wire name of a status (<c>scheduled</c>, <c>awaiting_approval</c>).</summary>
    /// <param name="status">The status.</param>
    /// <returns>The name.</returns>
    public static string ToWire(this NodeStatus status) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    /// <summary>Parses a wire name written by <see cref="ToWire(RunStatus)"/>.</summary>
    /// <param name="wire">The name.</param>
    /// <returns>The status.</returns>
    public static RunStatus ParseRunStatus(string wire) => Enum.Parse<RunStatus>(wire.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true);

    /// <summary>Parses a wire name written by <see cref="ToWire(NodeStatus)"/>.</summary>
    /// <param name="wire">The name.</param>
    /// <returns>The status.</returns>
    public static NodeStatus ParseNodeStatus(string wire) => Enum.Parse<NodeStatus>(wire.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true);
}
