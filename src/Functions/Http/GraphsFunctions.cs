using AgentFunctions.Core.Auth;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Functions.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AgentFunctions.Functions.Http;

/// <summary>The graph endpoints: the catalog (with load errors) and one graph.</summary>
/// <param name="graphs">The graph catalog.</param>
public sealed class GraphsFunctions(GraphService graphs)
{
    /// <summary><c>GET /api/graphs</c>: every graph file, valid or not, with its errors and domains; a key sees the graphs whose domains it
    /// covers (a file that does not load belongs to no known domain, so only keys scoped to <c>*</c> see it).</summary>
    /// <param name="request">The request.</param>
    /// <returns>200 with the catalog.</returns>
    [Function("ListGraphs")]
    public IResult List([HttpTrigger(AuthorizationLevel.Function, "get", Route = "graphs")] HttpRequest request) => Results.Ok(new
    {
        graphs = graphs.Catalog.All.Select(e => (Entry: e, Domains: graphs.Catalog.TryGet(e.Name, out var g) ? g.Domains : []))
            .Where(x => Access.CanRead(request, x.Domains)).Select(x => new
        {
            name = x.Entry.Name,
            domains = x.Domains,
            file = Path.GetFileName(x.Entry.File),
            description = x.Entry.Description,
            nodes = x.Entry.NodeCount,
            valid = x.Entry.Errors.Count == 0,
            errors = x.Entry.Errors.Select(e => e.ToString()).ToList(),
        }),
    });

    /// <summary><c>GET /api/graphs/{name}</c>: one valid graph with its nodes and policies.</summary>
    /// <param name="request">The request.</param>
    /// <param name="name">The graph name.</param>
    /// <returns>200 with the graph, 403 outside the key's domains, or 404.</returns>
    [Function("GetGraph")]
    public IResult Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "graphs/{name}")] HttpRequest request, string name)
    {
        if (!graphs.Catalog.TryGet(name, out var graph))
        {
            return Problems.Result(404, "graph-not-found", "Graph not found.", $"No valid graph named '{name}'.");
        }

        if (Access.Check(request, ApiRole.Reader, graph.Domains, $"graph '{name}'") is { } denied)
        {
            return denied;
        }

        return Results.Ok(new
        {
            name = graph.Name,
            description = graph.Description,
            hash = graph.ContentHash,
            domains = graph.Domains,
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
                    tier = n.Policy.Tier?.ToString().ToLowerInvariant(),
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
