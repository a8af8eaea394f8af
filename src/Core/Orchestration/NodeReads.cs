using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// Which node outputs a node's execution reads: its needs (a skill node sees their outputs) and every node named by a
/// <c>${{ nodes.id.output }}</c> expression in its <c>with:</c> and <c>context:</c>. The orchestrator sends these outputs
/// with the work item so the worker need not read the run's node rows. Cached per graph.
/// </summary>
internal static class NodeReads
{
    private static readonly ConditionalWeakTable<GraphDefinition, Dictionary<string, string[]>> s_cache = [];

    /// <summary>Gets the ids of the nodes whose outputs <paramref name="nodeId"/> reads.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="nodeId">A node of the graph (not an instance id).</param>
    /// <returns>Node ids, each once.</returns>
    public static IReadOnlyList<string> Of(GraphDefinition graph, string nodeId) =>
        s_cache.GetValue(graph, g => g.Nodes.ToDictionary(n => n.Id, Compute, StringComparer.Ordinal))[nodeId];

    private static string[] Compute(GraphNode node)
    {
        var texts = new List<string>();
        Strings(node.With, texts);
        if (node.Context is { } context)
        {
            if (context.Repository is { } repository)
            {
                texts.Add(repository);
            }

            texts.AddRange(context.Include);
        }

        var named = texts.SelectMany(t => GraphExpression.Scan(t).Expressions).Where(e => e.Root == ExpressionRoot.Nodes).Select(e => e.Name);
        return [.. node.Needs.Concat(named).Distinct(StringComparer.Ordinal)];
    }

    private static void Strings(JsonNode? value, List<string> texts)
    {
        switch (value)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Strings(child, texts);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Strings(child, texts);
                }

                break;
            case JsonValue text when text.TryGetValue<string>(out var s):
                texts.Add(s);
                break;
        }
    }
}
