using AgentFunctions.Core;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Skills;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Functions.Http;

/// <summary>The liveness endpoint: 200 whenever the process answers HTTP, with what it has loaded; readiness (storage reachable,
/// task hub started, catalog valid) is <c>GET /api/ready</c>'s job (<see cref="ReadyFunctions"/>).</summary>
/// <param name="hosting">How the app is hosted.</param>
/// <param name="skills">The skills catalog.</param>
/// <param name="graphs">The graph catalog.</param>
/// <param name="models">Whether a live model is configured.</param>
/// <param name="readiness">What the host still waits for (storage, the Durable Task worker).</param>
/// <param name="modelOptions">The model settings (unresolved Key Vault references are problems).</param>
public sealed class HealthFunctions(HostingInfo hosting, SkillCatalog skills, GraphService graphs, ModelRouter models, HostReadiness readiness, IOptions<ModelOptions> modelOptions)
{
    /// <summary><c>GET /api/health</c> (alive): <c>{status: "alive", ready, mode, storage, skills, skillIssues, graphs, graphErrors,
    /// liveModel, problems, warnings}</c>. Always 200 while the process serves requests, even when storage is not reachable yet —
    /// a liveness probe must not restart an app that is only waiting; <c>ready</c> and <c>problems</c> tell what
    /// <c>/api/ready</c> would answer 503 for (from the startup state, without probing storage).</summary>
    /// <param name="request">The request.</param>
    /// <returns>200.</returns>
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
        problems.AddRange(ModelSettingsCheck.Problems(modelOptions.Value));

        var body = new
        {
            status = "alive",
            ready = problems.Count == 0,
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
        return Results.Ok(body);
    }
}
