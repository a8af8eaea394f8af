namespace AgentFunctions.Core.Orchestration.Streaming;

/// <summary>One item of a run's event stream or of the run-list stream, as the HTTP layer writes it (an SSE event).</summary>
/// <param name="Type">The SSE event type: a run event's type (<c>node_succeeded</c> …), <c>run</c>, <c>heartbeat</c> or <c>end</c>.</param>
/// <param name="Id">The SSE id (a run event's sequence number), or null for items that are not resumable (heart-beats, the end, run-list rows).</param>
/// <param name="Data">The JSON payload: a <see cref="RunEvent"/>, a <see cref="RunListItem"/>, or a <see cref="StreamMarker"/>.</param>
public sealed record RunStreamItem(string Type, long? Id, object Data);

/// <summary>The payload of a <c>heartbeat</c> or <c>end</c> item.</summary>
/// <param name="RunId">The run, or null on the run-list stream.</param>
/// <param name="Status">The run's status (wire name), or null on the run-list stream.</param>
/// <param name="At">When the server wrote it.</param>
public sealed record StreamMarker(string? RunId, string? Status, DateTimeOffset At);
