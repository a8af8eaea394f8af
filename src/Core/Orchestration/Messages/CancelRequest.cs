namespace AgentFunctions.Core.Orchestration.Messages;

/// <summary>A request to cancel a run, raised to its orchestrator as the <c>cancel</c> external event.</summary>
/// <param name="By">Who asks, as given.</param>
/// <param name="Reason">Why, as given.</param>
public sealed record CancelRequest(string? By, string? Reason);
