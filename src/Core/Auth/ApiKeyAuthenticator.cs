using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Auth;

/// <summary>
/// Turns the key a request presents (<c>x-api-key: &lt;key&gt;</c> or <c>Authorization: Bearer &lt;key&gt;</c>) into a caller: the
/// bootstrap admin key of <see cref="AuthOptions.AdminKey"/> (compared by hash, in fixed time), or a key of <see cref="ApiKeyStore"/>
/// that is not revoked. With authentication off every request is <see cref="ApiCaller.Anonymous"/>.
/// </summary>
/// <param name="store">The key store.</param>
/// <param name="options">The auth options.</param>
public sealed class ApiKeyAuthenticator(ApiKeyStore store, IOptions<AuthOptions> options)
{
    // An unresolved Key Vault reference is the public text of the app setting, never a key (readiness reports it).
    private readonly string? _adminHash = options.Value.AdminKey is { Length: > 0 } admin && !IsUnresolvedReference(admin) ? ApiKeySecrets.Hash(admin) : null;

    /// <summary>Gets a value indicating whether requests need a key.</summary>
    public bool Enabled => options.Value.Enabled;

    /// <summary>Whether a configured key is a Key Vault reference the platform did not resolve (<c>@Microsoft.KeyVault(…)</c>).</summary>
    /// <param name="value">The setting's value.</param>
    /// <returns>True for an unresolved reference.</returns>
    public static bool IsUnresolvedReference(string? value) => value?.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>What is wrong with the auth settings for readiness: an admin key that is an unresolved Key Vault reference.</summary>
    /// <returns>Problems, empty when none.</returns>
    public IReadOnlyList<string> Problems() => Enabled && IsUnresolvedReference(options.Value.AdminKey)
        ? ["Auth:AdminKey is an unresolved Key Vault reference (is the secret set, and may the app's identity read it?); the bootstrap admin key is refused until it resolves."]
        : [];

    /// <summary>Authenticates a presented key.</summary>
    /// <param name="presented">The key as sent, or null when the request has none.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The caller, or the reason there is none.</returns>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    public async Task<AuthenticationResult> AuthenticateAsync(string? presented, CancellationToken cancellationToken = default)
    {
        if (!Enabled)
        {
            return AuthenticationResult.Success(ApiCaller.Anonymous);
        }

        if (string.IsNullOrWhiteSpace(presented))
        {
            return AuthenticationResult.Fail("No API key: send it as 'x-api-key: <key>' or 'Authorization: Bearer <key>'.");
        }

        presented = presented.Trim();
        if (_adminHash is not null && ApiKeySecrets.HashesEqual(_adminHash, ApiKeySecrets.Hash(presented)))
        {
            return AuthenticationResult.Success(new ApiCaller("bootstrap", "bootstrap admin", ApiRole.Admin, [ApiCaller.AllDomains]));
        }

        if (!ApiKeySecrets.TryParse(presented, out var id, out var secret) || await store.FindAsync(id, secret, cancellationToken) is not { } key)
        {
            return AuthenticationResult.Fail("The API key is not valid.");
        }

        return key.RevokedAt is { } revoked
            ? AuthenticationResult.Fail($"The API key '{key.Id}' ({key.Name}) was revoked at {revoked:u}.")
            : AuthenticationResult.Success(key.Caller);
    }
}
