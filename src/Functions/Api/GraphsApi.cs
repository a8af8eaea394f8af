using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Orchestration;

namespace AgentFunctions.Functions.Api;

/// <summary>Maps the graph endpoints: list the catalog (with load errors) and show one graph.</summary>
internal static class GraphsApi
{
    public static IEndpointRouteBuilder MapGraphsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/graphs", List);
        app.MapGet("/api/graphs/{name}", Get);
        return app;
    }

    private static IResult List(GraphService graphs)
    {
        var catalog = graphs.Catalog;
        return Results.Ok(new
        {
            graphs = catalog.All.Select(e => new
            {
                name = e.Name,
                file = Path.GetFileName(e.File),
                description = e.Description,
                nodes = e.NodeCount,
                valid = e.Errors.Count == 0,
                errors = e.Errors.Select(x => x.ToString()).ToList(),
            }),
        });
    }

    private static IResult Get(string name, GraphService graphs)
    {
        var catalog = graphs.Catalog;
        if (!catalog.TryGet(name, out var graph))
        {
            return Problems.Result(404, "graph-not-found", "Graph not found.", $"No valid graph named '{name}'.");
        }

        return Results.Ok(new
        {
            name = graph.Name,
            description = graph.Description,
            hash = graph.ContentHash,
            budget = new { maxCostUsd = graph.Budget.MaxCostUsd },
            inputs = graph.Inputs.Select(i => new { name = i.Name, type = i.Type, required = i.Required, @default = i.Default, description = i.Description }),
            nodes = graph.Nodes.Select(n => new
            {
                id = n.Id,
                kind = n.Kind == NodeKind.Skill ? "skill" : "tool",
                target = n.Target,
                needs = n.Needs,
                policy = new
                {
                    model = n.Policy.Model,
                    retries = n.Policy.Retries,
                    timeoutMs = (long)n.Policy.Timeout.TotalMilliseconds,
                    maxCostUsd = n.Policy.MaxCostUsd,
                    maxOutputTokens = n.Policy.MaxOutputTokens,
                },
            }),
            yaml = graph.SourceText,
        });
    }
}
