namespace AgentFunctions.Core.Orchestration;

/// <summary>The outcome of an approval request.</summary>
public abstract record ApprovalOutcome;

/// <summary>The decision was queued for the orchestrator.</summary>
/// <param name="RunId">The run.</param>
/// <param name="NodeId">The node decided on.</param>
/// <param name="Approved">The decision.</param>
public sealed record ApprovalAccepted(string RunId, string NodeId, bool Approved) : ApprovalOutcome;

/// <summary>The run does not exist.</summary>
public sealed record ApprovalRunNotFound : ApprovalOutcome;

/// <summary>Nothing (or not that node) waits for approval.</summary>
/// <param name="Reason">Why the decision cannot be taken, naming the waiting nodes if any.</param>
public sealed record ApprovalNotPending(string Reason) : ApprovalOutcome;
