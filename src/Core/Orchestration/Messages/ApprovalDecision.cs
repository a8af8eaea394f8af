namespace AgentFunctions.Core.Orchestration.Messages;

/// <summary>A human's decision on a node waiting for approval, raised to its orchestrator as the <c>approval</c> external event.</summary>
/// <param name="NodeId">The node (or <c>for_each</c> instance) decided on.</param>
/// <param name="Approved">True to let it run (budget checks waived for a budget approval), false to fail it and the run.</param>
/// <param name="By">Who decided, as given.</param>
/// <param name="Comment">Why, as given.</param>
public sealed record ApprovalDecision(string NodeId, bool Approved, string? By, string? Comment);
