using AgentFunctions.Core.Tools.Workspaces;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the sweep that deletes old tool working copies.</summary>
public static class WorkspaceRetentionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="WorkspaceRetentionService"/> as a hosted service (and <see cref="TimeProvider.System"/> when no
    /// clock is registered). It reads <see cref="WorkspaceOptions"/> (<c>Tools:Workspace:WorkRoot</c> and
    /// <c>Tools:Workspace:Retention</c>), which <c>AddAgentFunctionsTools</c> binds. Calling it twice registers it once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddWorkspaceRetention(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WorkspaceRetentionService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WorkspaceRetentionService>(sp => sp.GetRequiredService<WorkspaceRetentionService>()));
        return services;
    }
}
