using AgentFunctions.Core.Budgets;
using AgentFunctions.Core.Skills;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Functions.Api;

/// <summary>Maps the domain endpoints: each domain's skills, budget limits, spend, reservations and status.</summary>
internal static class DomainsApi
{
    public static IEndpointRouteBuilder MapDomainsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/domains", ListAsync);
        app.MapGet("/api/domains/{domain}", GetAsync);
        return app;
    }

    private static IEnumerable<string> Names(SkillCatalog skills, BudgetOptions budgets) =>
        skills.All.Select(s => s.Domain).Concat(skills.Domains.Select(d => d.Name)).Concat(budgets.Domains.Keys)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private static async Task<IResult> ListAsync(SkillCatalog skills, DomainBudgetStore store, IOptions<BudgetOptions> budgets, CancellationToken cancellationToken)
    {
        var domains = new List<object>();
        foreach (var name in Names(skills, budgets.Value))
        {
            domains.Add(View(name, skills, await store.GetStatusAsync(name, cancellationToken)));
        }

        return Results.Ok(new { domains });
    }

    private static async Task<IResult> GetAsync(string domain, SkillCatalog skills, DomainBudgetStore store, IOptions<BudgetOptions> budgets, CancellationToken cancellationToken)
    {
        if (!Names(skills, budgets.Value).Contains(domain))
        {
            return Problems.Result(404, "domain-not-found", "Domain not found.", $"No domain named '{domain}' (no skills and no configured budget).");
        }

        return Results.Ok(View(domain, skills, await store.GetStatusAsync(domain, cancellationToken)));
    }

    private static object View(string name, SkillCatalog skills, DomainBudgetStatus status) => new
    {
        name,
        description = skills.FindDomain(name)?.Description,
        owner = skills.FindDomain(name)?.Owner,
        skills = skills.All.Where(s => s.Domain == name).Select(s => s.Id).ToList(),
        status = Wire(status.Health),
        reservations = status.Reservations,
        budget = new { day = Period(status.Day), month = Period(status.Month) },
    };

    private static object Period(BudgetPeriodStatus p) => new
    {
        period = p.Key,
        limitUsd = p.LimitUsd,
        spentUsd = p.SpentUsd,
        reservedUsd = p.ReservedUsd,
        utilization = p.Utilization is { } u ? decimal.Round(u, 4) : (decimal?)null,
        status = Wire(p.Health),
    };

    private static string Wire(BudgetHealth health) => health.ToString().ToLowerInvariant();
}
