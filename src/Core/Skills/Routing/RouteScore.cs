namespace AgentFunctions.Core.Skills.Routing;

/// <summary>How well one route matched an input by keywords.</summary>
/// <param name="Route">The route's target, <c>domain/skill</c> or <c>domain</c>.</param>
/// <param name="Score">How many of its distinct <c>when:</c> keywords occur in the input's text.</param>
/// <param name="MatchedKeywords">Those keywords, in the order the route lists them.</param>
public sealed record RouteScore(string Route, int Score, IReadOnlyList<string> MatchedKeywords);
