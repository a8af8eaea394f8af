using AgentFunctions.Core.Auth;
using AgentFunctions.Core.Budgets;
using AgentFunctions.Core.Skills;
using AgentFunctions.Functions.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Functions.Http;

/// <summary>The domain endpoints: each domain's skills, budget limits, spend, reservations and status.</summary>
/// <param name="skills">The skills and domains.</param>
/// <param name="store">Domain spend and reservations.</param>
/// <param name="budgets">Configured domain limits.</param>
public sealed class DomainsFunctions(SkillCatalog skills, DomainBudgetStore store, IOptions<BudgetOptions> budgets)
{
    /// <summary><c>GET /api/domains</c>: the key's domains with their budget status.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>200 with the domains.</returns>
    [Function("ListDomains")]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "domains")] HttpRequest request, CancellationToken cancellationToken)
    {
        var domains = new List<object>();
        foreach (var name in Names().Where(n => Access.CanRead(request, [n])))
        {
            domains.Add(View(name, await store.GetStatusAsync(name, cancellationToken)));
        }

        return Results.Ok(new { domains });
    }

    /// <summary><c>GET /api/domains/{domain}</c>: one domain.</summary>
    /// <param name="request">The request.</param>
    /// <param name="domain">The domain.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>200 with the domain, 403 outside the key's domains, or 404.</returns>
    [Function("GetDomain")]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "domains/{domain}")] HttpRequest request, string domain, CancellationToken cancellationToken)
    {
        if (Access.Check(request, ApiRole.Reader, domain, $"domain '{domain}'") is { } denied)
        {
            return denied;
        }

        if (!Names().Contains(domain))
        {
            return Problems.Result(404, "domain-not-found", "Domain not found.", $"No domain named '{domain}' (no skills and no configured budget).");
        }

        return Results.Ok(View(domain, await store.GetStatusAsync(domain, cancellationToken)));
    }

    private IEnumerable<string> Names() =>
        skills.All.Select(s => s.Domain).Concat(skills.Domains.Select(d => d.Name)).Concat(budgets.Value.Domains.Keys)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private object View(string name, DomainBudgetStatus status) => new
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
