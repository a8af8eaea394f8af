using AgentFunctions.Core.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Auth;

/// <summary>
/// API keys in Table storage (table <see cref="AuthOptions.Table"/>, partition <c>keys</c>, one row per key id): name, role,
/// domains (comma-separated), the secret's SHA-256, who created it and when, and once revoked who and when. Every lookup
/// reads the row, so a revocation applies to the next request on every host.
/// </summary>
public sealed class ApiKeyStore
{
    private const string Partition = "keys";
    private readonly TableClient _table;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="ApiKeyStore"/> class.</summary>
    /// <param name="clients">The storage clients.</param>
    /// <param name="options">The auth options (table name).</param>
    /// <param name="time">The clock.</param>
    public ApiKeyStore(StorageClients clients, IOptions<AuthOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        _table = clients.Tables.GetTableClient(options.Value.Table);
        _time = time;
    }

    /// <summary>Creates the table if missing.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => await _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Creates a key.</summary>
    /// <param name="name">Its label (1–100 characters).</param>
    /// <param name="role">Its role.</param>
    /// <param name="domains">Its domains, or <c>["*"]</c>.</param>
    /// <param name="createdBy">The creating key's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored key and the full key text, which is shown only this once.</returns>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, ApiRole role, IReadOnlyList<string> domains, string createdBy, CancellationToken cancellationToken = default)
    {
        var (id, key, hash) = ApiKeySecrets.Generate();
        var stored = new ApiKey(id, name, role, domains, _time.GetUtcNow(), createdBy);
        var entity = new TableEntity(Partition, id)
        {
            ["Name"] = name,
            ["Role"] = role.ToString().ToLowerInvariant(),
            ["Domains"] = string.Join(',', domains),
            ["SecretSha256"] = hash,
            ["CreatedAt"] = stored.CreatedAt,
            ["CreatedBy"] = createdBy,
        };
        await _table.AddEntityAsync(entity, cancellationToken);
        return (stored, key);
    }

    /// <summary>Finds the key a caller presented, checking its secret.</summary>
    /// <param name="id">The key id.</param>
    /// <param name="secret">The secret part.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The key (revoked or not), or null when no key has this id and secret.</returns>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<ApiKey?> FindAsync(string id, string secret, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } e && ApiKeySecrets.HashesEqual(e.GetString("SecretSha256") ?? string.Empty, ApiKeySecrets.Hash(secret))
            ? ToKey(e)
            : null;
    }

    /// <summary>Reads a key by id.</summary>
    /// <param name="id">The key id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The key, or null.</returns>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<ApiKey?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } e ? ToKey(e) : null;
    }

    /// <summary>Lists every key, newest first.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The keys.</returns>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        var keys = new List<ApiKey>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            keys.Add(ToKey(e));
        }

        return [.. keys.OrderByDescending(k => k.CreatedAt)];
    }

    /// <summary>Revokes a key; revoking it again changes nothing.</summary>
    /// <param name="id">The key id.</param>
    /// <param name="revokedBy">The revoking key's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The key as revoked, or null when there is none with this id.</returns>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task<ApiKey?> RevokeAsync(string id, string revokedBy, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } e)
        {
            return null;
        }

        if (e.GetDateTimeOffset("RevokedAt") is null)
        {
            e["RevokedAt"] = _time.GetUtcNow();
            e["RevokedBy"] = revokedBy;
            await _table.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Merge, cancellationToken);
        }

        return ToKey(e);
    }

    private static ApiKey ToKey(TableEntity e) => new(
        e.RowKey,
        e.GetString("Name") ?? string.Empty,
        Enum.TryParse<ApiRole>(e.GetString("Role"), ignoreCase: true, out var role) ? role : ApiRole.Reader,
        (e.GetString("Domains") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetString("CreatedBy") ?? string.Empty,
        e.GetDateTimeOffset("RevokedAt"),
        e.GetString("RevokedBy"));
}
