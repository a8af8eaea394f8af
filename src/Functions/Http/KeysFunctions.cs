using System.Text.RegularExpressions;
using AgentFunctions.Core.Auth;
using AgentFunctions.Functions.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AgentFunctions.Functions.Http;

/// <summary>
/// The API-key endpoints, for admin keys: create a key scoped to domains with a role (the secret is shown once), list keys, revoke a
/// key (effective on the next request on every host). An admin creates, sees and revokes only keys within its own domains.
/// </summary>
/// <param name="keys">The key store.</param>
public sealed partial class KeysFunctions(ApiKeyStore keys)
{
    /// <summary><c>POST /api/keys</c> (<c>{"name", "role": "reader|runner|admin", "domains": ["hr", …] or ["*"]}</c>): creates a key.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>201 with the key (its secret only here), 400 naming the field, or 403 for a non-admin or domains outside the caller's.</returns>
    [Function("CreateApiKey")]
    public async Task<IResult> CreateAsync([HttpTrigger(AuthorizationLevel.Function, "post", Route = "keys")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await Bodies.ReadAsync<KeyRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body?.Name is not { Length: > 0 and <= 100 } name)
        {
            return Invalid("name", "'name' is required: 1–100 characters that say whose key it is.");
        }

        if (!Enum.TryParse<ApiRole>(body.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role) || int.TryParse(body.Role, out _))
        {
            return Invalid("role", $"'role' must be reader, runner or admin, not '{body.Role}'.");
        }

        var domains = body.Domains?.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() ?? [];
        if (domains.Count == 0 || domains.Any(d => d != ApiCaller.AllDomains && !DomainName().IsMatch(d)) || (domains.Count > 1 && domains.Contains(ApiCaller.AllDomains)))
        {
            return Invalid("domains", "'domains' must list one or more domain names (lowercase letters, digits, '-', '_'), or be [\"*\"] for every domain.");
        }

        if (Access.Check(request, ApiRole.Admin, domains.Contains(ApiCaller.AllDomains) ? [] : domains, "creating a key for these domains") is { } denied)
        {
            return denied;
        }

        var (key, secret) = await keys.CreateAsync(name, role, domains, request.Caller().Name, cancellationToken);
        return Results.Created($"/api/keys/{key.Id}", new
        {
            id = key.Id,
            key = secret,
            name = key.Name,
            role = Wire(key.Role),
            domains = key.Domains,
            createdAt = key.CreatedAt,
            createdBy = key.CreatedBy,
            message = "Keep the key now: only its SHA-256 is stored, so it cannot be shown again.",
        });
    }

    /// <summary><c>GET /api/keys</c>: the keys within the admin's domains, without secrets.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>200 with the keys, or 403 for a non-admin.</returns>
    [Function("ListApiKeys")]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "keys")] HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = request.Caller();
        if (caller.Role < ApiRole.Admin)
        {
            return Access.Check(request, ApiRole.Admin, caller.Domains, "listing keys")!;
        }

        var all = await keys.ListAsync(cancellationToken);
        return Results.Ok(new { keys = all.Where(k => caller.May(ApiRole.Admin, Scope(k))).Select(View) });
    }

    /// <summary><c>DELETE /api/keys/{keyId}</c>: revokes a key; asking again answers 200 and changes nothing.</summary>
    /// <param name="request">The request.</param>
    /// <param name="keyId">The key id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>200 with the revoked key, 403 for a non-admin or a key outside the caller's domains, or 404.</returns>
    [Function("RevokeApiKey")]
    public async Task<IResult> RevokeAsync([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "keys/{keyId}")] HttpRequest request, string keyId, CancellationToken cancellationToken)
    {
        var caller = request.Caller();
        if (caller.Role < ApiRole.Admin)
        {
            return Access.Check(request, ApiRole.Admin, caller.Domains, "revoking a key")!;
        }

        if (await keys.GetAsync(keyId, cancellationToken) is not { } existing)
        {
            return Problems.Result(404, "key-not-found", "Key not found.", $"No key '{keyId}'.");
        }

        if (Access.Check(request, ApiRole.Admin, Scope(existing), $"revoking key '{keyId}'") is { } denied)
        {
            return denied;
        }

        var revoked = await keys.RevokeAsync(keyId, caller.Name, cancellationToken);
        return Results.Ok(View(revoked!));
    }

    private static IReadOnlyCollection<string> Scope(ApiKey key) => key.Domains.Contains(ApiCaller.AllDomains) ? [] : key.Domains;

    private static object View(ApiKey k) => new
    {
        id = k.Id,
        name = k.Name,
        role = Wire(k.Role),
        domains = k.Domains,
        createdAt = k.CreatedAt,
        createdBy = k.CreatedBy,
        revokedAt = k.RevokedAt,
        revokedBy = k.RevokedBy,
        status = k.RevokedAt is null ? "active" : "revoked",
    };

    private static string Wire(ApiRole role) => role.ToString().ToLowerInvariant();

    private static IResult Invalid(string field, string message)
    {
        var problem = Problems.Create(400, "invalid-key-request", "The key request is invalid.", message);
        problem.Extensions["errors"] = new[] { new { field, message } };
        return Results.Problem(problem);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex DomainName();

    /// <summary>The body of <c>POST /api/keys</c>.</summary>
    internal sealed record KeyRequest(string? Name, string? Role, IReadOnlyList<string>? Domains);
}
