using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Models;

/// <summary>Writes attempts for node details and events.</summary>
public static class ModelAttempts
{
    /// <summary>Gets the snake-case name of an outcome (<c>answered</c>, <c>rate_limited</c>, <c>server_error</c>, <c>timeout</c>, <c>refused_by_budget</c>, <c>context_exceeded</c>, <c>error</c>).</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The name.</returns>
    public static string ToWire(ModelAttemptOutcome outcome) => JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.ToString());

    /// <summary>Writes attempts as a JSON array of <c>{model, provider, outcome, error, duration_ms}</c>.</summary>
    /// <param name="attempts">The attempts.</param>
    /// <returns>The array.</returns>
    public static JsonArray ToJson(IEnumerable<ModelAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        return [.. attempts.Select(a => (JsonNode)new JsonObject
        {
            ["model"] = a.Model,
            ["provider"] = a.Provider,
            ["outcome"] = ToWire(a.Outcome),
            ["error"] = a.Error,
            ["duration_ms"] = a.DurationMs,
        })];
    }
}
