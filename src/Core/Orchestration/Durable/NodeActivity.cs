using System.Text.Json.Nodes;
using AgentFunctions.Core.Budgets;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Orchestration.Execution;
using AgentFunctions.Core.Orchestration.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Orchestration.Durable;

/// <summary>
/// Executes one attempt of one node, idempotently: the Durable Task Framework runs an activity at least once, so the attempt
/// is keyed by (run, node, iteration, attempt) in the run record. A redelivered attempt whose result is stored returns it
/// without calling the model or the tool again; an attempt the run no longer wants (it failed or was cancelled before the
/// attempt started) does not run; otherwise the attempt is claimed, the domain budget reserves its estimate (a refusal comes
/// back unexecuted, for the orchestrator's budget policy), the node runs — stopped when its run is cancelled — and its result
/// is stored first-writer-wins. Failures of the node are results; only infrastructure failures throw (and are retried).
/// </summary>
public sealed partial class NodeActivity(
    IRunStore store,
    GraphService graphs,
    NodeExecutor executor,
    DomainBudgetStore domains,
    LearningService learning,
    IOptions<OrchestrationOptions> options,
    TimeProvider time,
    ILogger<NodeActivity> logger) : TaskActivity<NodeWorkItem, NodeResult>
{
    private const int MaxHeaderLooks = 100;
    private static readonly TimeSpan HeaderLookPause = TimeSpan.FromMilliseconds(50);
    private static readonly string s_claimant = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <inheritdoc/>
    public override async Task<NodeResult> RunAsync(TaskActivityContext context, NodeWorkItem input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var key = new AttemptKey(input.RunId, input.NodeId, input.Iteration, input.Attempt);
        switch (await BeginAsync(key))
        {
            case AttemptStart.Stored stored:
                LogReplayedFromStore(logger, input.RunId, input.NodeId, input.Attempt);
                return ForOrchestrator(stored.Result);
            case AttemptStart.Withdrawn withdrawn:
                return Unexecuted(input, $"Withdrawn: the run was {withdrawn.Status.ToWire()} before this attempt started.", new JsonObject { ["withdrawn"] = true });
            case AttemptStart.RunMissing:
                // Thrown, so the framework retries the activity (1 s, 2 s, 4 s, 8 s) before the attempt counts as failed.
                throw new InvalidOperationException($"Run {input.RunId} has no record yet; the attempt did not run.");
            case AttemptStart.Claimed claimed:
                return await ExecuteAsync(input, key, claimed);
            default:
                throw new InvalidOperationException("Unknown attempt start.");
        }
    }

    // A run's header is written just after its orchestration is scheduled, so the very first attempt may look before it
    // exists: wait for it a little (up to 5 s) before giving up to the framework's retries.
    private async Task<AttemptStart> BeginAsync(AttemptKey key)
    {
        for (var look = 1; ; look++)
        {
            var start = await store.BeginAttemptAsync(key, s_claimant, time.GetUtcNow());
            if (start is not AttemptStart.RunMissing || look >= MaxHeaderLooks)
            {
                return start;
            }

            await Task.Delay(HeaderLookPause, time);
        }
    }

    private async Task<NodeResult> ExecuteAsync(NodeWorkItem input, AttemptKey key, AttemptStart.Claimed claimed)
    {
        var reservation = ReservationKey(input);
        if (input.Domain is { } domain && input.ReservedUsd > 0
            && await domains.TryReserveAsync(domain, reservation, input.ReservedUsd, input.BudgetApproved) is { } refusal)
        {
            LogRefused(logger, input.RunId, input.NodeId, refusal);
            return Unexecuted(input, null, null) with { DomainRefusal = refusal, Model = input.PlannedModel };
        }

        if (claimed.Reclaimed)
        {
            LogReclaimed(logger, input.RunId, input.NodeId, input.Attempt);
        }

        var run = claimed.Run;
        var graph = graphs.ForRun(run.Header.GraphHash, run.GraphYaml);
        var context = await ContextAsync(input, run, graph);
        LogExecuting(logger, input.RunId, input.NodeId, input.Attempt);
        var span = RunSpans.StartNode(input, run.Header, context.Node);
        NodeResult result;
        try
        {
            result = await new CancellationWatch(store, options.Value.CancellationCheckInterval, time).RunAsync(input.RunId, context, executor)
                with { Iteration = input.Iteration };
        }
        catch (Exception ex)
        {
            Telemetry.AgentTelemetry.Fail(span, ex.GetType().Name, ex.Message);
            span?.Dispose();
            throw;
        }

        RunSpans.EndNode(span, input, context.Node.Kind, result);
        if (input.Domain is { } charged && input.ReservedUsd > 0)
        {
            await domains.SettleAsync(charged, reservation, result.CostUsd);
        }

        var stored = await store.EndAttemptAsync(key, result, claimed.Token);
        LogExecuted(logger, input.RunId, input.NodeId, input.Attempt, stored.Succeeded, stored.DurationMs, stored.Error ?? string.Empty);
        if (stored.Succeeded && stored.Details?["skill"]?.GetValue<string>() is { } skill)
        {
            // Every finished skill execution counts for the skill's accept rate (idempotent by run, node and attempt).
            await learning.RecordExecutionAsync(new ExecutionRecord(
                input.RunId, input.NodeId, input.Attempt, skill, stored.Details["skill_version"]?.GetValue<string>() ?? string.Empty,
                stored.Details["input"] as JsonObject ?? [], stored.Output, stored.Model, stored.CompletedAt));
        }

        return ForOrchestrator(stored);
    }

    private async Task<NodeExecutionContext> ContextAsync(NodeWorkItem input, StoredRunHeader run, GraphDefinition graph)
    {
        var definition = graph.FindNode(NodeInstanceIds.BaseOf(input.NodeId))
            ?? throw new InvalidOperationException($"Run {input.RunId}'s graph has no node '{input.NodeId}'.");
        ForEachItem? item = null;
        if (NodeInstanceIds.TryParse(input.NodeId, out _, out var index))
        {
            // An instance runs as its node under the instance id, so results, tool folders and logs name the instance.
            definition = definition with { Id = input.NodeId };
            item = new ForEachItem(input.Item?.DeepClone(), index);
        }

        var outputs = input.Reads is { } reads
            ? new RunOutputs(graph, reads)
            : new RunOutputs(graph, (await store.ReadAsync(input.RunId))?.Nodes ?? new Dictionary<string, NodeState>());
        return new NodeExecutionContext(input.RunId, graph, definition, input.Attempt, run.Header.Inputs, outputs, input.ReservedUsd, input.ModelOverride, run.Header.Replay)
        {
            Iteration = input.Iteration,
            Item = item,
            InjectionApproved = input.InjectionApproved,
        };
    }

    /// <summary>The idempotency key of one node attempt's domain reservation.</summary>
    /// <param name="item">The attempt.</param>
    /// <returns><c>run|node|attempt</c>, or <c>run|node|i&lt;iteration&gt;|attempt</c> after the first iteration.</returns>
    public static string ReservationKey(NodeWorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Iteration <= 1
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{item.RunId}|{item.NodeId}|{item.Attempt}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{item.RunId}|{item.NodeId}|i{item.Iteration}|{item.Attempt}");
    }

    private NodeResult Unexecuted(NodeWorkItem input, string? error, JsonObject? details)
    {
        var now = time.GetUtcNow();
        return new NodeResult(input.NodeId, input.Attempt, false, null, error, now, now, null, null, false, 0, 0, 0, details) { Iteration = input.Iteration };
    }

    // What the orchestration history keeps: the result without the raw model answers and the resolved input, which only
    // the attempt row (the view, replays, corrections) needs.
    private static NodeResult ForOrchestrator(NodeResult result)
    {
        if (result.Details is not { } details || !(details.ContainsKey("responses") || details.ContainsKey("input")))
        {
            return result;
        }

        var slim = details.DeepClone().AsObject();
        slim.Remove("responses");
        slim.Remove("input");
        return result with { Details = slim };
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Executing {RunId}/{NodeId}#{Attempt}")]
    private static partial void LogExecuting(ILogger logger, string runId, string nodeId, int attempt);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Executed {RunId}/{NodeId}#{Attempt}: succeeded={Succeeded} in {DurationMs} ms {Error}")]
    private static partial void LogExecuted(ILogger logger, string runId, string nodeId, int attempt, bool succeeded, long durationMs, string error);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Attempt {RunId}/{NodeId}#{Attempt} was delivered again; its stored result is returned without running it")]
    private static partial void LogReplayedFromStore(ILogger logger, string runId, string nodeId, int attempt);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Attempt {RunId}/{NodeId}#{Attempt} was claimed before without a result (its host stopped); running it again")]
    private static partial void LogReclaimed(ILogger logger, string runId, string nodeId, int attempt);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Attempt {RunId}/{NodeId} not run: {Refusal}")]
    private static partial void LogRefused(ILogger logger, string runId, string nodeId, string refusal);
}
