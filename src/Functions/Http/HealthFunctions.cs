using AgentFunctions.Core;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Skills;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AgentFunctions.Functions.Http;

/// <summary>The health endpoint: 200 when the app can serve runs, 503 (with the reasons) while it cannot.</summary>
/// <param name="hosting">How the app is hosted.</param>
/// <param name="skills">The skills catalog.</param>
/// <param name="graphs">The graph catalog.</param>
/// <param name="models">Whether a live model is configured.</param>
/// <param name="readiness">What the host still waits for (storage, the Durable Task worker).</param>
public sealed class HealthFunctions(HostingInfo hosting, SkillCatalog skills, GraphService graphs, ModelRouter models, HostReadiness readiness)
{
    /// <summary><c>GET /api/health</c>: hosting mode, storage, catalog counts, live model, and readiness.</summary>
    /// <param name="request">The request.</param>
    /// <returns>200 when ready; 503 with <c>problems</c> when storage is not reachable yet or no skill or no valid graph was loaded.</returns>
    [Function("Health")]
    public IResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request)
    {
        var problems = new List<string>();
        if (readiness.Waiting is { } waiting)
        {
            problems.Add(waiting);
        }

        var catalog = CatalogReadiness.Evaluate(skills, graphs.Catalog, graphs.Directory);
        problems.AddRange(catalog.Reasons);

        var body = new
        {
            status = problems.Count == 0 ? "ok" : "not_ready",
            mode = hosting.Mode,
            storage = hosting.Storage,
            skills = skills.All.Count,
            skillIssues = skills.Issues.Count(i => i.IsError),
            graphs = graphs.Catalog.Graphs.Count(),
            graphErrors = graphs.Catalog.All.Count(g => g.Errors.Count > 0),
            liveModel = models.HasLiveModel,
            problems,
            warnings = catalog.Warnings,
        };
        return problems.Count == 0 ? Results.Ok(body) : Results.Json(body, statusCode: 503);
    }
}
