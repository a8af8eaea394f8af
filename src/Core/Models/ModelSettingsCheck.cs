namespace AgentFunctions.Core.Models;

/// <summary>
/// Finds model settings that cannot work: an API key that is still an App Service Key Vault reference
/// (<c>@Microsoft.KeyVault(VaultName=…;SecretName=…)</c>, learn.microsoft.com/azure/app-service/app-service-key-vault-references)
/// reached the app unresolved — the platform passes the reference text through when the secret does not exist or the app's
/// identity may not read it. Such a provider still counts as configured (the app never falls back to recorded responses
/// silently); its calls fail with 401 and <c>GET /api/ready</c> answers 503 with the reason.
/// </summary>
public static class ModelSettingsCheck
{
    private const string KeyVaultReferencePrefix = "@Microsoft.KeyVault(";

    /// <summary>Lists one sentence per unusable model setting.</summary>
    /// <param name="options">The model options.</param>
    /// <returns>The problems, empty when there are none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static IReadOnlyList<string> Problems(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = new List<(string Setting, string? Value)>
        {
            ("Models:OpenAI:ApiKey", options.OpenAI.ApiKey),
            ("Models:Anthropic:ApiKey", options.Anthropic.ApiKey),
        };
        keys.AddRange(options.Providers.Select(p => ($"Models:Providers:{p.Key}:ApiKey", p.Value.ApiKey)));
        return [.. keys.Where(k => IsUnresolvedKeyVaultReference(k.Value)).Select(k =>
            $"{k.Setting} is an unresolved Key Vault reference ({k.Value!.Trim()}): the secret does not exist or the app's identity " +
            "may not read it (role Key Vault Secrets User); set the secret, then restart the app")];
    }

    /// <summary>Tells whether a setting's value is Key Vault reference text rather than the secret it names.</summary>
    /// <param name="value">The value, or null.</param>
    /// <returns>True for <c>@Microsoft.KeyVault(…)</c>.</returns>
    public static bool IsUnresolvedKeyVaultReference(string? value) =>
        value is not null && value.TrimStart().StartsWith(KeyVaultReferencePrefix, StringComparison.OrdinalIgnoreCase);
}
