using AgentFunctions.Core.Budgets;
using AgentFunctions.Core.Learning.Storage;
using AgentFunctions.Core.Orchestration.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFunctions.Core.Hosting;

/// <summary>Creates every table, queue and container the app uses (idempotent); call once at startup.</summary>
public static class StorageBootstrap
{
    /// <summary>Creates the storage the app needs if missing.</summary>
    /// <param name="services">The app's services.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>A task that completes when everything exists.</returns>
    public static async Task EnsureCreatedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await services.GetRequiredService<RunStore>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<DomainBudgetStore>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<KnowledgeStore>().EnsureCreatedAsync(cancellationToken);
    }
}
