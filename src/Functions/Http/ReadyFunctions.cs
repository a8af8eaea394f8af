using AgentFunctions.Core;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Functions.Http;

/// <summary>The readiness endpoint, for load balancers and deployment checks: probes storage now, every time.</summary>
/// <param name="storage">Probes the Blob, Queue and Table services.</param>
/// <param name="skills">The skills catalog.</param>
/// <param name="graphs">The graph catalog.</param>
/// <param name="readiness">What the host still waits for at startup (storage, the Durable Task worker and task hub).</param>
/// <param name="models">The model settings (an API key that is an unresolved Key Vault reference is a failed check).</param>
/// <param name="auth">The API-key settings (an admin key that is an unresolved Key Vault reference is a failed check).</param>
public sealed class ReadyFunctions(StorageProbe storage, SkillCatalog skills, GraphService graphs, HostReadiness readiness, IOptions<ModelOptions> models, Core.Auth.ApiKeyAuthenticator auth)
{
    /// <summary><c>GET /api/ready</c>: 200 <c>{status: "ready", checks}</c> when storage answers (every service, within 5 s), the task
    /// hub's worker has started, skills and graphs loaded without errors and no model API key is an unresolved Key Vault
    /// reference (<see cref="ModelSettingsCheck"/>); 503 <c>{status: "not_ready", problems, checks}</c> with
    /// one reason per failed check otherwise. Unlike <c>/api/health</c>, storage is probed on every request, so the answer turns
    /// 503 when storage goes away after startup and 200 when it is back.</summary>
    /// <param name="request">The request.</param>
    /// <returns>200 or 503.</returns>
    [Function("Ready")]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ready")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var storageProblems = await storage.ProbeAsync(request.HttpContext.RequestAborted);
        var catalog = CatalogReadiness.Evaluate(skills, graphs.Catalog, graphs.Directory);
        var host = readiness.Waiting;
        var modelProblems = ModelSettingsCheck.Problems(models.Value);
        var authProblems = auth.Problems();
        List<string> problems = [.. storageProblems, .. host is null ? [] : new[] { host }, .. catalog.Reasons, .. modelProblems, .. authProblems];
        var body = new
        {
            status = problems.Count == 0 ? "ready" : "not_ready",
            checks = new
            {
                storage = storageProblems.Count == 0 ? "ok" : "failed",
                taskHub = host is null ? "started" : "waiting",
                catalog = catalog.Reasons.Count == 0 ? "ok" : "failed",
                models = modelProblems.Count == 0 ? "ok" : "failed",
                auth = authProblems.Count == 0 ? "ok" : "failed",
            },
            problems,
        };
        return problems.Count == 0 ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
