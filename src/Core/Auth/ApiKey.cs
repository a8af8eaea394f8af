namespace AgentFunctions.Core.Auth;

/// <summary>An API key as stored (never its secret: only the secret's SHA-256 is kept).</summary>
/// <param name="Id">The key id, the part of the key before the secret (12 hex characters).</param>
/// <param name="Name">A label given when it was created.</param>
/// <param name="Role">Its role.</param>
/// <param name="Domains">Its domains, or <c>["*"]</c>.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="CreatedBy">The name of the key that created it.</param>
/// <param name="RevokedAt">When it was revoked, or null while it is valid.</param>
/// <param name="RevokedBy">The name of the key that revoked it, or null.</param>
public sealed record ApiKey(
    string Id,
    string Name,
    ApiRole Role,
    IReadOnlyList<string> Domains,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? RevokedAt = null,
    string? RevokedBy = null)
{
    /// <summary>Gets the caller this key authenticates as.</summary>
    public ApiCaller Caller => new(Id, Name, Role, Domains);
}
