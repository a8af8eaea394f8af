using AgentFunctions.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Azure Storage clients and the payload store.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="StorageOptions"/> (section <c>Storage</c>), the <see cref="StorageConnection"/> of
    /// <c>AzureWebJobsStorage</c>, the <see cref="StorageClients"/> made from it (singletons) and <see cref="PayloadStore"/>.
    /// A connection registered before this call (tests) is kept.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">App configuration.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddAgentFunctionsStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
        services.TryAddSingleton(_ => StorageConnection.FromConfiguration(configuration));
        services.TryAddSingleton(sp => new StorageClients(
            sp.GetRequiredService<StorageConnection>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetService<StoragePipelinePolicies>()?.Policies));
        services.TryAddSingleton<PayloadStore>();
        return services;
    }
}
