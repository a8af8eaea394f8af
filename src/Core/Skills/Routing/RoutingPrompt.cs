namespace AgentFunctions.Core.Skills.Routing;

/// <summary>The messages of a model-based routing call, built by <see cref="SkillRouter.BuildModelPrompt"/>.</summary>
/// <param name="SystemPrompt">The routes with their <c>when:</c> text and the answer format <c>{ "route": "…", "reason": "…" }</c>.</param>
/// <param name="UserMessage">The input as indented JSON under an <c>## Input</c> heading.</param>
/// <param name="AllowedRoutes">The route targets the answer may name, in <c>routes_to</c> order.</param>
public sealed record RoutingPrompt(string SystemPrompt, string UserMessage, IReadOnlyList<string> AllowedRoutes);
