using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Storage;
using Azure.Data.Tables;

namespace AgentFunctions.Core.Orchestration.Storage;

/// <summary>
/// Maps run headers and node states to table entities and back (USD amounts as exact decimal strings; JSON through
/// <see cref="PayloadStore"/>). Graph YAML read from a header is kept by its graph hash (the SHA-256 of the text, so an
/// entry never goes stale): a wide graph's YAML lives in a blob, and every node activity reads its run's header, so
/// without it each node would download the whole graph again.
/// </summary>
public sealed class RunEntityMapper(PayloadStore payloads)
{
    private const int MaxErrorChars = 8 * 1024;
    private const int MaxCachedGraphs = 64;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _graphYaml = new(StringComparer.Ordinal);

    /// <summary>Builds the header entity; graph YAML and inputs are included only when <paramref name="graphYaml"/> is given (a merge keeps the stored ones).</summary>
    /// <param name="header">The header.</param>
    /// <param name="graphYaml">The graph YAML when creating the row, else null.</param>
    /// <param name="cancellationToken">Cancels uploads.</param>
    /// <returns>The entity.</returns>
    public async Task<TableEntity> ToEntityAsync(RunHeader header, string? graphYaml, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        var e = new TableEntity(header.RunId, RunRowKeys.Header);
        Set(e, "GraphName", header.GraphName);
        Set(e, "GraphHash", header.GraphHash);
        Set(e, "Status", header.Status.ToWire());
        Set(e, "CreatedAt", header.CreatedAt);
        Set(e, "StartedAt", header.StartedAt);
        Set(e, "CompletedAt", header.CompletedAt);
        Set(e, "Error", Truncate(header.Error));
        Set(e, "BudgetUsd", header.BudgetUsd is { } b ? Exact(b) : null);
        Set(e, "SpentUsd", Exact(header.SpentUsd));
        Set(e, "ReservedUsd", Exact(header.ReservedUsd));
        Set(e, "NextEventSeq", header.NextEventSeq);
        Set(e, "Source", header.Source);
        Set(e, "Replay", header.Replay is null ? null : JsonSerializer.Serialize(header.Replay, MessageCodec.Options));
        Set(e, "Trace", header.Trace is null ? null : JsonSerializer.Serialize(header.Trace, MessageCodec.Options));
        if (graphYaml is not null)
        {
            await payloads.SetPropertyAsync(e, "GraphYaml", graphYaml, cancellationToken);
            await payloads.SetPropertyAsync(e, "Inputs", header.Inputs.ToJsonString(), cancellationToken);
        }

        return e;
    }

    /// <summary>Reads a header entity.</summary>
    /// <param name="e">The entity.</param>
    /// <param name="cancellationToken">Cancels downloads.</param>
    /// <returns>The header and the graph YAML.</returns>
    public async Task<StoredRunHeader> ToHeaderAsync(TableEntity e, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(e);
        var inputs = await payloads.GetPropertyAsync(e, "Inputs", cancellationToken);
        var header = new RunHeader(
            e.PartitionKey,
            e.GetString("GraphName") ?? string.Empty,
            e.GetString("GraphHash") ?? string.Empty,
            StatusExtensions.ParseRunStatus(e.GetString("Status") ?? "pending"),
            inputs is null ? [] : JsonNode.Parse(inputs)!.AsObject(),
            e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            e.GetDateTimeOffset("StartedAt"),
            e.GetDateTimeOffset("CompletedAt"),
            e.GetString("Error"),
            ParseUsd(e.GetString("BudgetUsd")),
            ParseUsd(e.GetString("SpentUsd")) ?? 0,
            ParseUsd(e.GetString("ReservedUsd")) ?? 0,
            e.GetInt64("NextEventSeq") ?? 1,
            e.GetString("Source") ?? "http",
            e.GetString("Replay") is { } replay ? JsonSerializer.Deserialize<ReplayInfo>(replay, MessageCodec.Options) : null,
            e.GetString("Trace") is { } trace ? JsonSerializer.Deserialize<Telemetry.RunTrace>(trace, MessageCodec.Options) : null);
        return new StoredRunHeader(header, await GraphYamlAsync(e, header.GraphHash, cancellationToken));
    }

    private async Task<string> GraphYamlAsync(TableEntity e, string graphHash, CancellationToken cancellationToken)
    {
        if (graphHash.Length > 0 && _graphYaml.TryGetValue(graphHash, out var cached))
        {
            return cached;
        }

        var yaml = await payloads.GetPropertyAsync(e, "GraphYaml", cancellationToken) ?? string.Empty;
        if (graphHash.Length > 0 && yaml.Length > 0)
        {
            if (_graphYaml.Count >= MaxCachedGraphs)
            {
                _graphYaml.Clear(); // a small bound is enough: runs in flight at once share few graphs
            }

            _graphYaml[graphHash] = yaml;
        }

        return yaml;
    }

    /// <summary>Builds a node entity.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="node">The node state.</param>
    /// <param name="cancellationToken">Cancels uploads.</param>
    /// <returns>The entity.</returns>
    public async Task<TableEntity> ToEntityAsync(string runId, NodeState node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        var e = new TableEntity(runId, RunRowKeys.Node(node.NodeId));
        Set(e, "NodeId", node.NodeId);
        Set(e, "Status", node.Status.ToWire());
        Set(e, "Attempt", node.Attempt);
        Set(e, "ReservedUsd", Exact(node.ReservedUsd));
        Set(e, "CostUsd", Exact(node.CostUsd));
        Set(e, "InputTokens", node.InputTokens);
        Set(e, "OutputTokens", node.OutputTokens);
        Set(e, "ScheduledAt", node.ScheduledAt);
        Set(e, "StartedAt", node.StartedAt);
        Set(e, "CompletedAt", node.CompletedAt);
        Set(e, "DurationMs", node.DurationMs);
        Set(e, "Model", node.Model);
        Set(e, "Provider", node.Provider);
        Set(e, "Recorded", node.Recorded ? true : null);
        Set(e, "Error", Truncate(node.Error));
        Set(e, "DispatchModel", node.DispatchModel);
        Set(e, "BudgetApproved", node.BudgetApproved ? true : null);
        Set(e, "Approval", node.Approval?.ToJsonString());
        Set(e, "Iteration", node.Iteration > 1 ? node.Iteration : null);
        Set(e, "Instances", node.Instances);
        Set(e, "SkipCause", node.SkipCause);
        await payloads.SetPropertyAsync(e, "Output", node.Output?.ToJsonString(), cancellationToken);
        await payloads.SetPropertyAsync(e, "Details", node.Details?.ToJsonString(), cancellationToken);
        await payloads.SetPropertyAsync(e, "PreviousOutput", node.PreviousOutput?.ToJsonString(), cancellationToken);
        await payloads.SetPropertyAsync(e, "Item", node.Item?.ToJsonString(), cancellationToken);
        return e;
    }

    /// <summary>Reads a node entity.</summary>
    /// <param name="e">The entity.</param>
    /// <param name="cancellationToken">Cancels downloads.</param>
    /// <returns>The node state.</returns>
    public async Task<NodeState> ToNodeAsync(TableEntity e, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(e);
        var output = await payloads.GetPropertyAsync(e, "Output", cancellationToken);
        var details = await payloads.GetPropertyAsync(e, "Details", cancellationToken);
        var previous = await payloads.GetPropertyAsync(e, "PreviousOutput", cancellationToken);
        var item = await payloads.GetPropertyAsync(e, "Item", cancellationToken);
        return new NodeState(
            e.GetString("NodeId") ?? e.RowKey[RunRowKeys.NodePrefix.Length..],
            StatusExtensions.ParseNodeStatus(e.GetString("Status") ?? "pending"),
            e.GetInt32("Attempt") ?? 0,
            ParseUsd(e.GetString("ReservedUsd")) ?? 0,
            ParseUsd(e.GetString("CostUsd")) ?? 0,
            e.GetInt64("InputTokens") ?? 0,
            e.GetInt64("OutputTokens") ?? 0,
            e.GetDateTimeOffset("ScheduledAt"),
            e.GetDateTimeOffset("StartedAt"),
            e.GetDateTimeOffset("CompletedAt"),
            e.GetInt64("DurationMs"),
            e.GetString("Model"),
            e.GetString("Provider"),
            e.GetBoolean("Recorded") ?? false,
            output is null ? null : JsonNode.Parse(output),
            e.GetString("Error"),
            details is null ? null : JsonNode.Parse(details)?.AsObject(),
            e.GetString("DispatchModel"),
            e.GetBoolean("BudgetApproved") ?? false,
            e.GetString("Approval") is { } approval ? JsonNode.Parse(approval)?.AsObject() : null)
        {
            Iteration = e.GetInt32("Iteration") ?? 1,
            Instances = e.GetInt32("Instances"),
            SkipCause = e.GetString("SkipCause"),
            PreviousOutput = previous is null ? null : JsonNode.Parse(previous),
            Item = item is null ? null : JsonNode.Parse(item),
        };
    }

    private static void Set(TableEntity e, string name, object? value)
    {
        if (value is not null)
        {
            e[name] = value;
        }
    }

    private static string Exact(decimal usd) => usd.ToString(CultureInfo.InvariantCulture);

    private static decimal? ParseUsd(string? text) =>
        text is not null && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static string? Truncate(string? text) =>
        text is { Length: > MaxErrorChars } ? text[..MaxErrorChars] + " … (truncated)" : text;
}
