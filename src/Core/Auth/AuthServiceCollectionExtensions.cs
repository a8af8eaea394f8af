using AgentFunctions.Core.Auth;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers API-key authentication: <see cref="AuthOptions"/>, <see cref="ApiKeyStore"/> and <see cref="ApiKeyAuthenticator"/>.</summary>
public static class AuthServiceCollectionExtensions
{
    /// <summary>Adds the API-key services, bound from the <c>Auth</c> section.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">App configuration.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName))
            .Validate(o => o.AdminKey is null || o.AdminKey.Length == 0 || o.AdminKey.Trim().Length >= 32 || o.AdminKey.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal),
                "Auth:AdminKey must be at least 32 characters (generate one with: openssl rand -base64 32).")
            .ValidateOnStart();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ApiKeyAuthenticator>();
        return services;
    }
}
