using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Orchestration.Storage;

/// <summary>
/// The run record in Table storage (<c>Orchestration:RunsTable</c>, default <c>Runs</c>): one partition per run, with the
/// header row, node rows and event rows the orchestrator's record activity writes, and the attempt rows node activities
/// claim and complete (<see cref="RunRowKeys"/>). Text over 16 K characters goes to the payload container.
/// </summary>
public sealed partial class TableRunStore : IRunStore
{
    private readonly TableClient _table;
    private readonly PayloadStore _payloads;
    private readonly RunEntityMapper _mapper;

    /// <summary>Creates the store.</summary>
    /// <param name="clients">The storage clients.</param>
    /// <param name="payloads">Large-text store.</param>
    /// <param name="options">Names the table.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public TableRunStore(StorageClients clients, PayloadStore payloads, IOptions<OrchestrationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(payloads);
        ArgumentNullException.ThrowIfNull(options);
        _table = clients.Tables.GetTableClient(options.Value.RunsTable);
        _payloads = payloads;
        _mapper = new RunEntityMapper(payloads);
    }

    /// <inheritdoc/>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
        await _payloads.EnsureCreatedAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<bool> TryCreateAsync(RunCreation creation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(creation);
        try
        {
            await _table.AddEntityAsync(await _mapper.ToEntityAsync(Durable.RunHeaders.New(creation), creation.GraphYaml, cancellationToken), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public async Task<StoredRunHeader?> GetHeaderAsync(string runId, CancellationToken cancellationToken = default)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(runId, RunRowKeys.Header, cancellationToken: cancellationToken);
        return e.HasValue && e.Value is { } entity ? await _mapper.ToHeaderAsync(entity, cancellationToken) : null;
    }

    /// <inheritdoc/>
    public async Task<RunStatus?> GetStatusAsync(string runId, CancellationToken cancellationToken = default)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(runId, RunRowKeys.Header, ["Status"], cancellationToken);
        return e.HasValue && e.Value?.GetString("Status") is { } status ? StatusExtensions.ParseRunStatus(status) : null;
    }

    private static string RangeFilter(string runId, string from, string to) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {runId} and RowKey ge {from} and RowKey lt {to}");
}
