namespace AgentFunctions.Core.Orchestration;

/// <summary>The outcome of a replay request.</summary>
public abstract record ReplayOutcome;

/// <summary>The replay run was started.</summary>
/// <param name="RunId">The new run.</param>
/// <param name="Replay">Its lineage: parent, step, mode and the nodes copied.</param>
public sealed record ReplayStarted(string RunId, ReplayInfo Replay) : ReplayOutcome;

/// <summary>The parent run does not exist.</summary>
public sealed record ReplayParentNotFound : ReplayOutcome;

/// <summary>The request cannot be served.</summary>
/// <param name="Status">HTTP status to answer (400 invalid, 409 parent not ended).</param>
/// <param name="Field">The offending field.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ReplayRejected(int Status, string Field, string Message) : ReplayOutcome;
