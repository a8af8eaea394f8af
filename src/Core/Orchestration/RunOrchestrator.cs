using AgentFunctions.Core.Budgets;
using AgentFunctions.Core.Orchestration.FaultInjection;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Orchestration.Storage;
using Azure;
using Microsoft.Extensions.Logging;

namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// One orchestrator step for one run: load the partition, apply the incoming events with <see cref="RunTransition"/>,
/// reserve the domain budgets of the work items it dispatches (re-applying with the refusals, so the graph's budget policy
/// decides), settle the domain budgets of the completions it accepted, then commit header + nodes + events + outbox in one
/// transaction guarded by the header ETag, and send the outbox. The caller deletes the incoming messages only after this
/// returns, so a crash at any point is repaired by redelivery: every side effect is idempotent.
/// </summary>
public sealed partial class RunOrchestrator(
    RunStore store,
    GraphService graphs,
    NodeCostEstimator estimator,
    DomainBudgetStore domains,
    RunStateCache cache,
    CrashPoints crashPoints,
    TimeProvider time,
    ILogger<RunOrchestrator> logger)
{
    private const int MaxConflictRetries = 20;
    private const int MaxBudgetRounds = 4;

    // Outputs sent with a work item, at most (characters of JSON); larger ones the worker reads from the node rows.
    private const int MaxInlineReadsChars = 8 * 1024;

    /// <summary>Applies a batch of messages of one run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="messages">Its messages, in arrival order.</param>
    /// <param name="cancellationToken">Cancels the step (nothing is lost; the messages are redelivered).</param>
    /// <returns>A task that completes when the step is committed and its messages sent.</returns>
    /// <exception cref="RequestFailedException">Storage failed, or the header kept conflicting; the messages should be retried.</exception>
    public async Task ProcessAsync(string runId, IReadOnlyList<OrchestratorMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var events = messages.Select(ToEvent).ToList();
        var entry = cache.For(runId);
        await entry.Lock.WaitAsync(cancellationToken);
        try
        {
            await StepAsync(runId, messages, events, entry, cancellationToken);
            crashPoints.Hit(CrashPoints.OrchestratorStepDone);
        }
        catch
        {
            entry.State = null; // unknown after a failure: the next step reloads
            throw;
        }
        finally
        {
            entry.Lock.Release();
        }
    }

    private async Task StepAsync(string runId, IReadOnlyList<OrchestratorMessage> messages, List<OrchestratorEvent> events, RunStateCache.Entry entry, CancellationToken cancellationToken)
    {
        // Completions only can use the cached state (they treat scheduled and running alike); start, approval and cancel
        // read the partition, because they depend on which nodes a worker has started.
        var completionsOnly = events.All(e => e is NodeCompleted);
        for (var attempt = 1; ; attempt++)
        {
            var cached = completionsOnly ? entry.State : null;
            var loaded = cached is null ? await store.LoadAsync(runId, cancellationToken) : null;
            var creation = cached is null && loaded is null ? messages.Select(m => m.Run).FirstOrDefault(r => r is not null) : null;
            if (cached is null && loaded is null && creation is null)
            {
                LogUnknownRun(logger, runId, messages.Count);
                return;
            }

            var header = cached?.Header ?? loaded?.Header ?? RunStore.NewHeader(creation!);
            var graphYaml = cached?.GraphYaml ?? loaded?.GraphYaml ?? creation!.GraphYaml;
            var graph = graphs.ForRun(header.GraphHash, graphYaml);
            var nodes = cached?.Nodes ?? AllNodes(graph, loaded);
            crashPoints.Hit(CrashPoints.OrchestratorLoaded);
            var snapshot = new RunSnapshot(header, nodes);
            var result = await ApplyWithDomainBudgetsAsync(runId, snapshot, graph, events, cancellationToken);
            if (cached is not null && (!result.HasChanges || (result.Header.Status.IsTerminal() && !header.Status.IsTerminal())))
            {
                // A completion the cached state ignores may be for a node another process dispatched since this cache was
                // written (no commit would catch that), and ending a run touches nodes a worker may have started since:
                // both are decided on fresh state.
                entry.State = null;
                completionsOnly = false;
                continue;
            }

            await SettleCompletionsAsync(runId, snapshot, estimator.Plans(graph), events, cancellationToken);
            await ReleaseAbandonedAsync(runId, snapshot, result, estimator.Plans(graph), events, cancellationToken);
            var pendingOutbox = loaded?.Outbox ?? [];
            if (!result.HasChanges && creation is null)
            {
                await store.FlushOutboxAsync(runId, pendingOutbox, cancellationToken);
                entry.State = new CachedRun(header, loaded!.HeaderETag, graphYaml, nodes);
                return;
            }

            CommitResult commit;
            try
            {
                commit = await store.CommitAsync(runId, cached?.HeaderETag ?? loaded?.HeaderETag, creation, WithReads(graph, nodes, result), cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxConflictRetries)
            {
                LogConflict(logger, runId, attempt);
                entry.State = null;
                completionsOnly = false;
                continue;
            }

            LogCommitted(logger, runId, result.Header.Status, result.Events.Count, result.Dispatches.Count);
            crashPoints.Hit(CrashPoints.OrchestratorCommitted);
            await store.FlushOutboxAsync(runId, commit.Outbox is null ? pendingOutbox : [.. pendingOutbox, commit.Outbox], cancellationToken);
            foreach (var node in result.ChangedNodes)
            {
                nodes[node.NodeId] = node;
            }

            entry.State = result.Header.Status.IsTerminal() ? null : new CachedRun(result.Header, commit.HeaderETag, graphYaml, nodes);
            return;
        }
    }

    // Sends with each work item the outputs its node reads, as they are after this step, unless they are large.
    private static TransitionResult WithReads(Graphs.GraphDefinition graph, Dictionary<string, NodeState> before, TransitionResult result)
    {
        if (result.Dispatches.Count == 0)
        {
            return result;
        }

        var changed = result.ChangedNodes.ToDictionary(n => n.NodeId, StringComparer.Ordinal);
        var dispatches = new List<WorkItemDispatch>(result.Dispatches.Count);
        foreach (var dispatch in result.Dispatches)
        {
            var reads = new System.Text.Json.Nodes.JsonObject();
            foreach (var id in NodeReads.Of(graph, NodeInstanceIds.BaseOf(dispatch.NodeId)))
            {
                reads[id] = (changed.GetValueOrDefault(id) ?? before.GetValueOrDefault(id))?.VisibleOutput?.DeepClone();
            }

            dispatches.Add(reads.ToJsonString().Length <= MaxInlineReadsChars ? dispatch with { Reads = reads } : dispatch);
        }

        return result with { Dispatches = dispatches };
    }

    // Every node of the graph (pending when it has no row yet) and the instances of for_each nodes that expanded.
    private static Dictionary<string, NodeState> AllNodes(Graphs.GraphDefinition graph, LoadedRun? loaded)
    {
        var nodes = graph.Nodes.ToDictionary(n => n.Id, n => loaded?.Nodes.GetValueOrDefault(n.Id) ?? NodeState.Initial(n.Id), StringComparer.Ordinal);
        foreach (var (id, instance) in loaded?.Nodes.Where(kv => !nodes.ContainsKey(kv.Key) && NodeInstanceIds.TryParse(kv.Key, out _, out _)) ?? [])
        {
            nodes[id] = instance;
        }

        return nodes;
    }

    /// <summary>The idempotency key of one node attempt's domain reservation.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="nodeId">The node, or a for_each instance.</param>
    /// <param name="attempt">The attempt.</param>
    /// <param name="iteration">The loop iteration (1 outside loops).</param>
    /// <returns><c>run|node|attempt</c>, or <c>run|node|i&lt;iteration&gt;|attempt</c> after the first iteration.</returns>
    public static string ReservationKey(string runId, string nodeId, int attempt, int iteration = 1) => iteration <= 1
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{runId}|{nodeId}|{attempt}")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{runId}|{nodeId}|i{iteration}|{attempt}");

    private async Task<TransitionResult> ApplyWithDomainBudgetsAsync(
        string runId, RunSnapshot snapshot, Graphs.GraphDefinition graph, IReadOnlyList<OrchestratorEvent> events, CancellationToken cancellationToken)
    {
        var plans = estimator.Plans(graph);
        var denials = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var reserved = new Dictionary<string, WorkItemDispatch>(StringComparer.Ordinal);
        for (var round = 1; ; round++)
        {
            var budget = new BudgetInputs(plans, denials.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, string>)kv.Value, StringComparer.Ordinal));
            var result = RunTransition.Apply(snapshot, graph, events, budget, time.GetUtcNow());
            var refused = false;
            foreach (var dispatch in result.Dispatches.Where(d => d.Domain is not null && d.ReservationUsd > 0))
            {
                var key = ReservationKey(runId, dispatch.NodeId, dispatch.Attempt, dispatch.Iteration);
                var model = dispatch.Model ?? plans[NodeInstanceIds.BaseOf(dispatch.NodeId)].Model!;
                var refusal = await domains.TryReserveAsync(dispatch.Domain!, key, dispatch.ReservationUsd, dispatch.BudgetApproved, cancellationToken);
                if (refusal is null)
                {
                    reserved[key] = dispatch;
                }
                else if (round < MaxBudgetRounds)
                {
                    if (!denials.TryGetValue(dispatch.NodeId, out var byModel))
                    {
                        denials[dispatch.NodeId] = byModel = new Dictionary<string, string>(StringComparer.Ordinal);
                    }

                    byModel[model] = refusal;
                    refused = true;
                }
            }

            if (!refused || round >= MaxBudgetRounds)
            {
                // Release what earlier rounds reserved for dispatches the final transition no longer makes.
                var kept = result.Dispatches.Select(d => ReservationKey(runId, d.NodeId, d.Attempt, d.Iteration)).ToHashSet(StringComparer.Ordinal);
                foreach (var (key, dispatch) in reserved.Where(kv => !kept.Contains(kv.Key)))
                {
                    await domains.SettleAsync(dispatch.Domain!, key, 0, cancellationToken);
                }

                return result;
            }
        }
    }

    private async Task SettleCompletionsAsync(
        string runId, RunSnapshot snapshot, IReadOnlyDictionary<string, NodeCostPlan> plans, IReadOnlyList<OrchestratorEvent> events, CancellationToken cancellationToken)
    {
        foreach (var completed in events.OfType<NodeCompleted>().Select(e => e.Result))
        {
            var before = snapshot.Nodes.GetValueOrDefault(completed.NodeId);
            var accepted = before is not null && before.Attempt == completed.Attempt && before.Iteration == completed.Iteration
                && before.Status is NodeStatus.Scheduled or NodeStatus.Running;

            // A completion from an older loop iteration is ignored by the run, but its call did happen: settle what it cost.
            var olderIteration = before is not null && completed.Iteration < before.Iteration;
            if ((accepted || olderIteration) && plans.GetValueOrDefault(NodeInstanceIds.BaseOf(completed.NodeId))?.Domain is { } domain)
            {
                await domains.SettleAsync(domain, ReservationKey(runId, completed.NodeId, completed.Attempt, completed.Iteration), completed.CostUsd, cancellationToken);
            }
        }
    }

    // Work that was dispatched but ended without a completion (cancelled before a worker took it) gives its domain reservation back.
    private async Task ReleaseAbandonedAsync(
        string runId, RunSnapshot snapshot, TransitionResult result, IReadOnlyDictionary<string, NodeCostPlan> plans, IReadOnlyList<OrchestratorEvent> events, CancellationToken cancellationToken)
    {
        var completed = events.OfType<NodeCompleted>().Select(e => e.Result.NodeId).ToHashSet(StringComparer.Ordinal);
        foreach (var node in result.ChangedNodes.Where(n => n.Status.IsTerminal() && !completed.Contains(n.NodeId)))
        {
            if (snapshot.Nodes.GetValueOrDefault(node.NodeId) is { Status: NodeStatus.Scheduled or NodeStatus.Running } before
                && plans.GetValueOrDefault(node.NodeId)?.Domain is { } domain)
            {
                await domains.SettleAsync(domain, ReservationKey(runId, node.NodeId, before.Attempt), 0, cancellationToken);
            }
        }
    }

    private static OrchestratorEvent ToEvent(OrchestratorMessage message) => message.Kind switch
    {
        MessageKinds.RunStart => new StartRun(),
        MessageKinds.NodeCompleted => new NodeCompleted(message.Result!),
        MessageKinds.ApprovalDecided => new ApprovalDecided(message.Approval!.NodeId, message.Approval.Approved, message.Approval.By, message.Approval.Comment),
        MessageKinds.RunCancel => new CancelRun(message.Cancel?.By, message.Cancel?.Reason),
        _ => throw new MalformedMessageException($"Unknown orchestrator message kind '{message.Kind}'."),
    };

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Run {RunId} does not exist; dropping {Count} orchestrator message(s) that cannot create it")]
    private static partial void LogUnknownRun(ILogger logger, string runId, int count);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Run {RunId}: header changed under us (attempt {Attempt}); reloading")]
    private static partial void LogConflict(ILogger logger, string runId, int attempt);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Run {RunId} is {Status}: committed {Events} event(s), dispatching {Dispatches} work item(s)")]
    private static partial void LogCommitted(ILogger logger, string runId, RunStatus status, int events, int dispatches);
}
