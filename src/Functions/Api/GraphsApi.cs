using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Orchestration;

namespace AgentFunctions.Functions.Api;

/// <summary>Maps the graph endpoints: list the catalog (with load errors) and show one graph.</summary>
internal static class GraphsApi
{
    public static IEndpointRouteBuilder MapGraphsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/graphs", ListAsync);
        app.MapGet("/api/graphs/{name}", GetAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(GraphService graphs)
    {
        var catalog = await graphs.GetCatalogAsync();
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

    private static async Task<IResult> GetAsync(string name, GraphService graphs)
    {
        var catalog = await graphs.GetCatalogAsync();
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
