using AgentFunctions.Core.Hosting;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Skills;

namespace AgentFunctions.Functions.Api;

/// <summary>Maps the health endpoint and the root readiness probe the Functions host sends to a custom handler.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Ok(new { service = "AgentFunctions", health = "/api/health" }));
        app.MapGet("/api/health", (HostingInfo hosting, SkillCatalog skills, ModelRouter models) => Results.Ok(new
        {
            status = "ok",
            mode = hosting.Mode,
            storage = hosting.Storage,
            skills = skills.All.Count,
            skillIssues = skills.Issues.Count(i => i.IsError),
            liveModel = models.HasLiveModel,
        }));
        return app;
    }
}
