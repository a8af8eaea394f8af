namespace AgentFunctions.Core.Auth;

/// <summary>
/// Who is calling the API: an API key's id, name, role and domains. A key scoped to <c>*</c> covers every domain, including
/// graphs with no skill node (which belong to no domain).
/// </summary>
/// <param name="KeyId">The key's id (<c>bootstrap</c> for the configured admin key, <c>anonymous</c> when authentication is off).</param>
/// <param name="Name">The key's name, for audit (who started a run, who revoked a key).</param>
/// <param name="Role">The key's role.</param>
/// <param name="Domains">The domains the key is scoped to, or <c>["*"]</c> for all.</param>
public sealed record ApiCaller(string KeyId, string Name, ApiRole Role, IReadOnlyList<string> Domains)
{
    /// <summary>The domain scope that covers every domain.</summary>
    public const string AllDomains = "*";

    /// <summary>Gets a caller with every right, used when authentication is turned off for loopback development.</summary>
    public static ApiCaller Anonymous { get; } = new("anonymous", "anonymous (authentication off)", ApiRole.Admin, [AllDomains]);

    /// <summary>Gets a value indicating whether the key covers every domain.</summary>
    public bool CoversAllDomains => Domains.Contains(AllDomains);

    /// <summary>Whether the key covers one domain.</summary>
    /// <param name="domain">The domain name.</param>
    /// <returns>True when the domain is in scope.</returns>
    public bool Covers(string domain) => CoversAllDomains || Domains.Contains(domain, StringComparer.Ordinal);

    /// <summary>
    /// Whether the key may act with <paramref name="role"/> on something that belongs to <paramref name="domains"/>: every one of
    /// them must be in scope, and something that belongs to no domain (a graph without skill nodes) only to a key scoped to <c>*</c>.
    /// </summary>
    /// <param name="role">The role the action needs.</param>
    /// <param name="domains">The domains of what is acted on (a run's: the domains of its graph's skills).</param>
    /// <returns>True when allowed.</returns>
    public bool May(ApiRole role, IReadOnlyCollection<string> domains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        return Role >= role && (CoversAllDomains || (domains.Count > 0 && domains.All(Covers)));
    }
}
