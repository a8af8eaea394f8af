using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentFunctions.Core.Orchestration.Execution;

namespace AgentFunctions.Core.Skills.Routing;

/// <summary>
/// Routing rules of <c>manager</c> skills, over their <c>routes_to</c> entries (Agentura's <c>{domain, skill?, when}</c>).
/// Pure: no I/O and no model call; the executor calls the model with <see cref="BuildModelPrompt"/> and hands the answer
/// to <see cref="ParseModelAnswer"/>.
/// </summary>
public static class SkillRouter
{
    private static readonly TimeSpan s_matchTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    /// <summary>
    /// Classifies an input by keywords: each route scores the number of its <c>when:</c> keywords that occur in the
    /// input's string values (at any depth; keys do not count), case-insensitively and as whole words (a keyword may be a
    /// phrase; letters, digits and <c>_</c> on either side prevent a match). The highest score wins; ties go to the route
    /// listed first. A best score of 0 chooses nothing.
    /// </summary>
    /// <param name="routes">The manager's routes, in file order.</param>
    /// <param name="input">The input object.</param>
    /// <returns>The decision, with every route's score.</returns>
    public static RouteDecision ClassifyByKeywords(IReadOnlyList<SkillRoute> routes, JsonObject input)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(input);
        var texts = new List<string>();
        CollectStrings(input, texts);
        var scores = routes.Select(route =>
        {
            var matched = route.Keywords.Where(k => texts.Any(KeywordPattern(k).IsMatch)).ToList();
            return new RouteScore(route.Target, matched.Count, matched);
        }).ToList();

        var best = scores.Count == 0 ? 0 : scores.Max(s => s.Score);
        if (best == 0)
        {
            return new RouteDecision(null, RouteMethod.Keywords,
                "No route matched: none of the routes' when: keywords occur in the input's text.", scores);
        }

        var winner = scores.First(s => s.Score == best);
        var tied = scores.Where(s => s.Score == best && s != winner).Select(s => s.Route).ToList();
        var reason = $"{best} keyword(s) of '{winner.Route}' occur in the input: {string.Join(", ", winner.MatchedKeywords)}"
            + (tied.Count > 0 ? $"; tied with {string.Join(", ", tied.Select(t => $"'{t}'"))}, the route listed first wins." : ".");
        return new RouteDecision(winner.Route, RouteMethod.Keywords, reason, scores);
    }

    /// <summary>Builds the prompt that asks a model to choose one route.</summary>
    /// <param name="routes">The manager's routes, in file order.</param>
    /// <param name="input">The input object.</param>
    /// <returns>The system prompt (routes with their <c>when:</c> text and the answer format), the user message and the allowed routes.</returns>
    /// <exception cref="ArgumentException"><paramref name="routes"/> is empty.</exception>
    public static RoutingPrompt BuildModelPrompt(IReadOnlyList<SkillRoute> routes, JsonObject input)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(input);
        if (routes.Count == 0)
        {
            throw new ArgumentException("A routing prompt needs at least one route.", nameof(routes));
        }

        var system = new StringBuilder()
            .Append("You are a router. Read the input and choose the one route below that should handle it.\n\n## Routes\n\n");
        foreach (var route in routes)
        {
            system.Append("- `").Append(route.Target).Append("` — when the input is about: ")
                .Append(route.When.Length > 0 ? route.When : "(no description)").Append('\n');
        }

        system.Append("\n## Output Format\n\nAnswer with one JSON object and nothing else:\n\n")
            .Append("```json\n{ \"route\": \"<domain>/<skill>\", \"reason\": \"one sentence: why this route\" }\n```\n\n")
            .Append("`route` must be exactly one of: ").AppendJoin(", ", routes.Select(r => $"`{r.Target}`")).Append('.');
        var user = $"## Input\n\n```json\n{input.ToJsonString(s_indented)}\n```";
        return new RoutingPrompt(system.ToString(), user, [.. routes.Select(r => r.Target)]);
    }

    /// <summary>Parses and checks a model's answer to <see cref="BuildModelPrompt"/>.</summary>
    /// <param name="routes">The manager's routes.</param>
    /// <param name="answer">The model's text: one JSON object <c>{ "route": "…", "reason": "…" }</c>, optionally in a Markdown code fence.</param>
    /// <returns>
    /// The decision with the route (matched case-insensitively, reported as written in <c>routes_to</c>) and the model's
    /// reason; or, with no route, why the answer cannot be used (not a JSON object, no <c>route</c> string, a route that is not allowed).
    /// </returns>
    public static RouteDecision ParseModelAnswer(IReadOnlyList<SkillRoute> routes, string? answer)
    {
        ArgumentNullException.ThrowIfNull(routes);
        RouteDecision Rejected(string reason) => new(null, RouteMethod.Model, reason, []);
        if (ModelOutputParser.TryParseJsonObject(answer, out var parseError) is not { } json)
        {
            return Rejected($"The model's routing answer is not a JSON object: {parseError}");
        }

        if (json["route"] is not JsonValue routeValue || !routeValue.TryGetValue<string>(out var chosen) || string.IsNullOrWhiteSpace(chosen))
        {
            return Rejected("The model's routing answer has no \"route\" string.");
        }

        var allowed = routes.Select(r => r.Target).ToList();
        if (allowed.FirstOrDefault(t => string.Equals(t, chosen.Trim(), StringComparison.OrdinalIgnoreCase)) is not { } route)
        {
            return Rejected($"The model chose '{chosen}', which is not one of the allowed routes: {string.Join(", ", allowed)}.");
        }

        var reason = json["reason"] is JsonValue r && r.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text)
            ? text.Trim()
            : "(the model gave no reason)";
        return new RouteDecision(route, RouteMethod.Model, reason, []);
    }

    private static Regex KeywordPattern(string keyword)
    {
        var words = keyword.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape);
        return new Regex($@"(?<![\p{{L}}\p{{N}}_]){string.Join(@"\s+", words)}(?![\p{{L}}\p{{N}}_])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, s_matchTimeout);
    }

    private static void CollectStrings(JsonNode? node, List<string> texts)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    CollectStrings(value, texts);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectStrings(item, texts);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                texts.Add(text);
                break;
        }
    }
}
