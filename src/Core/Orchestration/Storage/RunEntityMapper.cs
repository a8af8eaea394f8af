using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Storage;

namespace AgentFunctions.Core.Orchestration.Storage;

/// <summary>Maps run headers, node states and results to table entities and back (JSON through <see cref="PayloadStore"/>).</summary>
public sealed class RunEntityMapper(PayloadStore payloads)
{
    private const int MaxErrorChars = 8 * 1024;

    /// <summary>Builds the header entity; <paramref name="graphYaml"/> and inputs are written only when creating.</summary>
    /// <param name="header">The header.</param>
    /// <param name="graphYaml">The graph YAML when creating the row, else null (a merge keeps the stored one).</param>
    /// <param name="cancellationToken">Cancels uploads.</param>
    /// <returns>The entity.</returns>
    public async Task<TableEntity> ToEntityAsync(RunHeader header, string? graphYaml, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        var e = new TableEntity(header.RunId, RunRowKeys.Header)
        {
            ["GraphName"] = header.GraphName,
            ["GraphHash"] = header.GraphHash,
            ["Status"] = header.Status.ToWire(),
            ["CreatedAt"] = header.CreatedAt,
            ["StartedAt"] = header.StartedAt,
            ["CompletedAt"] = header.CompletedAt,
            ["Error"] = Truncate(header.Error),
            ["BudgetUsd"] = header.BudgetUsd is { } b ? Exact(b) : null,
            ["SpentUsd"] = Exact(header.SpentUsd),
            ["ReservedUsd"] = Exact(header.ReservedUsd),
            ["NextEventSeq"] = header.NextEventSeq,
            ["Source"] = header.Source,
            ["Replay"] = header.Replay is null ? null : JsonSerializer.Serialize(header.Replay, MessageCodec.Options),
        };
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
    public async Task<(RunHeader Header, string GraphYaml)> ToHeaderAsync(TableEntity e, CancellationToken cancellationToken = default)
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
            e.GetString("Replay") is { } replay ? JsonSerializer.Deserialize<ReplayInfo>(replay, MessageCodec.Options) : null);
        return (header, await payloads.GetPropertyAsync(e, "GraphYaml", cancellationToken) ?? string.Empty);
    }

    /// <summary>Builds a node entity holding the whole node state.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="node">The node state.</param>
    /// <param name="cancellationToken">Cancels uploads.</param>
    /// <returns>The entity.</returns>
    public async Task<TableEntity> ToEntityAsync(string runId, NodeState node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        var e = new TableEntity(runId, RunRowKeys.Node(node.NodeId))
        {
            ["NodeId"] = node.NodeId,
            ["Status"] = node.Status.ToWire(),
            ["Attempt"] = node.Attempt,
            ["ReservedUsd"] = Exact(node.ReservedUsd),
            ["CostUsd"] = Exact(node.CostUsd),
            ["InputTokens"] = node.InputTokens,
            ["OutputTokens"] = node.OutputTokens,
            ["ScheduledAt"] = node.ScheduledAt,
            ["StartedAt"] = node.StartedAt,
            ["CompletedAt"] = node.CompletedAt,
            ["DurationMs"] = node.DurationMs,
            ["Model"] = node.Model,
            ["Provider"] = node.Provider,
            ["Recorded"] = node.Recorded,
            ["Error"] = Truncate(node.Error),
            ["DispatchModel"] = node.DispatchModel,
            ["BudgetApproved"] = node.BudgetApproved ? true : null,
            ["Approval"] = node.Approval?.ToJsonString(),
            ["Iteration"] = node.Iteration > 1 ? node.Iteration : null,
            ["Instances"] = node.Instances,
            ["SkipCause"] = node.SkipCause,
        };
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
            (int)(e.GetInt64("Attempt") ?? 0),
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
            Iteration = (int)(e.GetInt64("Iteration") ?? 1),
            Instances = e.GetInt64("Instances") is { } instances ? (int)instances : null,
            SkipCause = e.GetString("SkipCause"),
            PreviousOutput = previous is null ? null : JsonNode.Parse(previous),
            Item = item is null ? null : JsonNode.Parse(item),
        };
    }

    /// <summary>Builds a result entity.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="result">The attempt's result.</param>
    /// <param name="cancellationToken">Cancels uploads.</param>
    /// <returns>The entity.</returns>
    public async Task<TableEntity> ToEntityAsync(string runId, NodeResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var e = new TableEntity(runId, RunRowKeys.Result(result.NodeId, result.Attempt, result.Iteration))
        {
            ["NodeId"] = result.NodeId,
            ["Attempt"] = result.Attempt,
            ["Iteration"] = result.Iteration > 1 ? result.Iteration : null,
            ["Succeeded"] = result.Succeeded,
        };
        await payloads.SetPropertyAsync(e, "Result", JsonSerializer.Serialize(result, MessageCodec.Options), cancellationToken);
        return e;
    }

    /// <summary>Reads a result entity.</summary>
    /// <param name="e">The entity.</param>
    /// <param name="cancellationToken">Cancels downloads.</param>
    /// <returns>The result.</returns>
    public async Task<NodeResult> ToResultAsync(TableEntity e, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(e);
        var json = await payloads.GetPropertyAsync(e, "Result", cancellationToken)
            ?? throw new InvalidOperationException($"Result row {e.PartitionKey}/{e.RowKey} has no Result.");
        return JsonSerializer.Deserialize<NodeResult>(json, MessageCodec.Options)!;
    }

    private static string Exact(decimal usd) => usd.ToString(CultureInfo.InvariantCulture);

    private static decimal? ParseUsd(string? text) =>
        text is not null && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static string? Truncate(string? text) =>
        text is { Length: > MaxErrorChars } ? text[..MaxErrorChars] + " … (truncated)" : text;
}
