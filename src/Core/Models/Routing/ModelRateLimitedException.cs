namespace AgentFunctions.Core.Models.Routing;

/// <summary>A model's requests-per-minute limit in this process was reached; the attempt counts as <c>rate_limited</c>.</summary>
internal sealed class ModelRateLimitedException(string message) : Exception(message);
