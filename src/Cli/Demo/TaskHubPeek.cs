using Azure.Data.Tables;

namespace AgentFunctions.Cli.Demo;

/// <summary>
/// Reads what the Durable Task Framework's Azure Storage backend keeps of one run: its row in the task hub's
/// <c>&lt;hub&gt;Instances</c> table (runtime status, the orchestrator's name) and its rows in <c>&lt;hub&gt;History</c> (one per
/// history event, partition key = the run id).
/// </summary>
/// <param name="connectionString">The storage account (the app's <c>AzureWebJobsStorage</c>).</param>
/// <param name="hub">The task hub name (host.json <c>extensions.durableTask.hubName</c>).</param>
public sealed class TaskHubPeek(string connectionString, string hub)
{
    /// <summary>Reads the run's task hub rows.</summary>
    /// <param name="runId">The run (orchestration instance id).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>A one-line description: instance status and history event counts by type, or that the hub has no such instance.</returns>
    public async Task<string> DescribeAsync(string runId, CancellationToken cancellationToken = default)
    {
        var service = new TableServiceClient(connectionString);
        var instances = service.GetTableClient(hub + "Instances");
        var history = service.GetTableClient(hub + "History");
        var instance = await instances.GetEntityIfExistsAsync<TableEntity>(runId, string.Empty, cancellationToken: cancellationToken);
        if (!instance.HasValue || instance.Value is null)
        {
            return $"{hub}Instances has no row for {runId} (yet).";
        }

        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {runId}"), cancellationToken: cancellationToken))
        {
            if (row.GetString("EventType") is { } type)
            {
                counts[type] = counts.GetValueOrDefault(type) + 1; // (the sentinel row has no event type)
            }
        }

        var row0 = instance.Value;
        return $"{hub}Instances[{runId}]: {row0.GetString("Name")} {row0.GetString("RuntimeStatus")}; {hub}History: {counts.Values.Sum()} rows ({string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}"))})";
    }
}
