using AgentFunctions.Core.Auth;
using AgentFunctions.Core.Orchestration.Storage;

namespace AgentFunctions.Core.Orchestration;

/// <content>Listing runs for the dashboard and the CLI.</content>
public sealed partial class RunService
{
    /// <summary>Lists the runs a caller may read, newest first.</summary>
    /// <param name="query">Filters and the limit.</param>
    /// <param name="caller">The API key asking (only runs whose domains it covers as a reader are listed), or null for a trusted caller.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>At most <see cref="RunListQuery.Limit"/> runs (clamped to 1–500).</returns>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    public async Task<IReadOnlyList<RunListItem>> ListAsync(RunListQuery query, ApiCaller? caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = time.GetUtcNow();
        var items = new List<RunListItem>();
        await foreach (var stored in store.ListHeadersAsync(query.Graph, query.Status, cancellationToken))
        {
            var header = stored.Header;
            if (query.Search is { Length: > 0 } search
                && !header.RunId.Contains(search, StringComparison.OrdinalIgnoreCase) && !header.GraphName.Contains(search, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var domains = DomainsOf(stored);
            if (caller is null || caller.May(ApiRole.Reader, domains))
            {
                items.Add(ToListItem(header, domains, now));
            }
        }

        return [.. items.OrderByDescending(i => i.Created).ThenBy(i => i.RunId, StringComparer.Ordinal).Take(Math.Clamp(query.Limit, 1, RunListQuery.MaxLimit))];
    }

    private IReadOnlyList<string> DomainsOf(StoredRunHeader stored)
    {
        try
        {
            return graphs.ForRun(stored.Header.GraphHash, stored.GraphYaml).Domains;
        }
        catch (InvalidOperationException)
        {
            return []; // domains unknown: only keys scoped to every domain see it (as GetDomainsAsync)
        }
    }

    private static RunListItem ToListItem(RunHeader header, IReadOnlyList<string> domains, DateTimeOffset now) => new(
        header.RunId, header.GraphName, header.Status.ToWire(), header.CreatedAt, header.StartedAt, header.CompletedAt,
        header.StartedAt is { } started ? (long)((header.CompletedAt ?? now) - started).TotalMilliseconds : null,
        header.SpentUsd, header.BudgetUsd, domains, header.Source, header.Replay?.ParentRunId, header.Error);
}
