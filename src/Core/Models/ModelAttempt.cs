namespace AgentFunctions.Core.Models;

/// <summary>One attempt of a model call.</summary>
/// <param name="Model">The model id tried.</param>
/// <param name="Provider">The provider name.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Error">The error or refusal text; null when it answered.</param>
/// <param name="DurationMs">Time spent on the attempt in milliseconds, waiting for limits included (0 when it was not called).</param>
public sealed record ModelAttempt(string Model, string Provider, ModelAttemptOutcome Outcome, string? Error, long DurationMs);
