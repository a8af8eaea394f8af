using System.Text.Json.Serialization;

namespace AgentFunctions.Core.Skills.Routing;

/// <summary>Where a manager skill sends an input, and why.</summary>
/// <param name="Route">The chosen route's target (<c>domain/skill</c>, or <c>domain</c> for a route without a skill), or null when no route was chosen.</param>
/// <param name="Method">Whether keywords or a model chose.</param>
/// <param name="Reason">
/// Why: the matched keywords (and a tie, if any), the model's own reason, or — when <paramref name="Route"/> is null —
/// why nothing was chosen ("no route matched", an answer that is not JSON, a route that is not allowed).
/// </param>
/// <param name="Scores">Every route's keyword score in <c>routes_to</c> order (keyword routing); empty for model routing.</param>
public sealed record RouteDecision(string? Route, RouteMethod Method, string Reason, IReadOnlyList<RouteScore> Scores)
{
    /// <summary>Gets whether a route was chosen.</summary>
    [JsonIgnore]
    public bool Matched => Route is not null;
}
