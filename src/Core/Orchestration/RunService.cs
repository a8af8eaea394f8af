using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Orchestration.Durable;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Orchestration.Storage;
using Microsoft.DurableTask.Client;

namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// Accepts run requests, controls runs and reads them back. A run is a <see cref="GraphOrchestrator"/> orchestration whose
/// instance id is the run id, scheduled through the <see cref="DurableTaskClient"/> the caller's host provides (the
/// Functions host's <c>[DurableClient]</c>, or the standalone host's). Creating a run schedules the orchestration first and
/// then writes the run's header (pending): a crash in between loses nothing, because the orchestrator's first record write
/// creates the header too, and node activities wait (retrying) until it exists.
/// </summary>
public sealed partial class RunService(
    IRunStore store, GraphService graphs, TimeProvider time, Microsoft.Extensions.Options.IOptions<Limits.LimitOptions> limits, Limits.RunSlots slots, Skills.SkillCatalog skills)
{
    /// <summary>Validates a request and starts the run.</summary>
    /// <param name="request">The request.</param>
    /// <param name="source"><c>http</c> or <c>queue</c>.</param>
    /// <param name="client">The Durable Task client of the host.</param>
    /// <param name="caller">The API key asking, checked for the runner role on every domain of the graph once it is known; null for a
    /// trusted source (a queue message: whoever may write to the queue may start runs).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Accepted, graph not found, forbidden, or invalid with every error.</returns>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    public async Task<CreateRunOutcome> CreateAsync(
        RunRequest request, string source, DurableTaskClient client, Auth.ApiCaller? caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (request.RunId is { } id && !RunIdPattern().IsMatch(id))
        {
            return Invalid("runId", "'runId' must be 3–64 letters, digits or hyphens, starting with a letter or digit.");
        }

        GraphDefinition graph;
        if (request.GraphYaml is { Length: > 0 } yaml)
        {
            if (request.Graph is not null)
            {
                return Invalid("graph", "Give either 'graph' (a catalog name) or 'graphYaml' (inline YAML), not both.");
            }

            var parsed = graphs.Parse(yaml, "graphYaml");
            if (parsed.Graph is null)
            {
                return new RunRequestInvalid("The graph is invalid.", parsed.Errors);
            }

            graph = parsed.Graph;
        }
        else if (request.Graph is { Length: > 0 } name)
        {
            var catalog = graphs.Catalog;
            if (catalog.All.FirstOrDefault(e => e.Name == name) is { Errors.Count: > 0 } broken)
            {
                return new RunRequestInvalid($"Graph '{name}' is invalid.", broken.Errors);
            }

            if (!catalog.TryGet(name, out var found))
            {
                return new GraphNotFound(name, [.. catalog.Graphs.Select(g => g.Name)]);
            }

            graph = found;
        }
        else
        {
            return Invalid("graph", "'graph' (a catalog name) or 'graphYaml' (inline YAML) is required.");
        }

        if (caller is not null && !caller.May(Auth.ApiRole.Runner, graph.Domains))
        {
            return new RunForbidden(graph.Name, graph.Domains);
        }

        if (Limits.GraphShapeLimits.Check(graph, limits.Value) is { Count: > 0 } tooLarge)
        {
            return new RunRequestInvalid("The graph is larger than this app allows.", tooLarge);
        }

        if (request.Inputs is { } given && System.Text.Encoding.UTF8.GetByteCount(given.ToJsonString()) is var inputBytes && inputBytes > limits.Value.MaxInputBytes)
        {
            return new RunInputTooLarge(inputBytes, limits.Value.MaxInputBytes);
        }

        var bound = GraphInputBinder.Bind(graph, request.Inputs);
        if (bound.Inputs is null)
        {
            return new RunRequestInvalid("The inputs do not match the graph.", bound.Errors);
        }

        var runId = request.RunId ?? NewRunId();
        if (await store.GetHeaderAsync(runId, cancellationToken) is { } existing)
        {
            return existing.Header.GraphHash == graph.ContentHash
                ? new RunAccepted(runId, existing.Header.Status.ToWire(), Created: false)
                : Invalid("runId", $"Run '{runId}' already exists with a different graph.");
        }

        if (await AcquireSlotsAsync(graph, runId, cancellationToken) is { } full)
        {
            return full;
        }

        using var span = RunSpans.StartCreation(graph.Name, runId, source);
        var creation = new RunCreation(runId, graph.Name, graph.SourceText, graph.ContentHash, bound.Inputs, graph.Budget.MaxCostUsd, time.GetUtcNow(), source)
        {
            Trace = Telemetry.RunTrace.Under(span),
        };
        var created = await StartOrchestrationAsync(client, new GraphRunInput(creation), cancellationToken);
        await store.TryCreateAsync(creation, cancellationToken);
        return new RunAccepted(runId, RunStatus.Pending.ToWire(), created);
    }

    /// <summary>Polls a run (every 100 ms) until it ends — succeeded, failed or cancelled, or also awaiting approval when asked —
    /// or <paramref name="maxWait"/> passes; for callers that answer synchronously (skill execution, MCP tool calls).</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="maxWait">The longest wait.</param>
    /// <param name="stopWhenAwaitingApproval">Whether a run held for approval ends the wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The run as last read (null when it was never found); its status says whether it ended.</returns>
    public async Task<RunView?> WaitAsync(string runId, TimeSpan maxWait, bool stopWhenAwaitingApproval, CancellationToken cancellationToken = default)
    {
        var deadline = DateTimeOffset.UtcNow + maxWait;
        while (true)
        {
            var run = await GetAsync(runId, cancellationToken);
            if ((run is not null && (run.Status is "succeeded" or "failed" or "cancelled" || (stopWhenAwaitingApproval && run.Status == "awaiting_approval")))
                || DateTimeOffset.UtcNow >= deadline)
            {
                return run;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Reads a run with every node of its graph.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The view, or null when the run does not exist.</returns>
    public async Task<RunView?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        if (await store.ReadAsync(runId, cancellationToken) is not { } record)
        {
            return null;
        }

        var header = record.Header;
        var rows = record.Nodes;
        GraphDefinition? graph = null;
        try
        {
            graph = graphs.ForRun(header.GraphHash, record.GraphYaml);
        }
        catch (InvalidOperationException)
        {
            // The stored graph no longer validates (the run failed for that reason); show the node rows that exist.
        }

        var nodes = graph is null
            ? rows.Values.Select(r => ToView(new GraphNode(r.NodeId, NodeKind.Tool, "?", [], [], null, NodePolicy.Default, 0), r)).ToList()
            : graph.Nodes.Select(n => ToView(n, rows.GetValueOrDefault(n.Id) ?? NodeState.Initial(n.Id), rows)).ToList();
        var view = new RunView(
            header.RunId, header.GraphName, header.GraphHash, header.Status.ToWire(), header.CreatedAt, header.StartedAt, header.CompletedAt,
            header.Error, header.Inputs, new BudgetView(header.BudgetUsd, header.SpentUsd, header.ReservedUsd), header.SpentUsd,
            nodes.Any(n => n.Recorded), nodes,
            [.. rows.Values.Where(r => r.Status == NodeStatus.AwaitingApproval).OrderBy(r => r.NodeId, StringComparer.Ordinal).Select(r => new PendingApproval(r.NodeId, r.Error ?? "budget"))],
            header.Source, header.Replay, TraceId: header.Trace?.TraceId, Domains: graph?.Domains ?? []);
        return view with { Summary = RunSummary.Describe(view) };
    }

    /// <summary>The domains a run belongs to (its graph's skills' domains), for access checks; one header read (the graph is cached by hash).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The domains (empty for a graph without skills or one that no longer validates), or null when the run does not exist.</returns>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    public async Task<IReadOnlyList<string>?> GetDomainsAsync(string runId, CancellationToken cancellationToken = default)
    {
        return await store.GetHeaderAsync(runId, cancellationToken) is { } stored ? DomainsOf(stored) : null;
    }

    /// <summary>Reads a page of a run's events after a cursor.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="after">Sequence number to read after (0 for the start).</param>
    /// <param name="limit">Most events to return (1–1000).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The page, or null when the run does not exist.</returns>
    public async Task<EventsPage?> GetEventsAsync(string runId, long after, int limit, CancellationToken cancellationToken = default)
    {
        if (await store.GetStatusAsync(runId, cancellationToken) is not { } status)
        {
            return null;
        }

        var events = await store.ReadEventsAsync(runId, Math.Max(0, after), Math.Clamp(limit, 1, 1000), cancellationToken);
        return new EventsPage(runId, events, events.Count > 0 ? events[^1].Seq : Math.Max(0, after), status.ToWire());
    }

    /// <summary>Records a human's decision on a node that waits for budget approval; the orchestrator applies it.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="nodeId">The node, or null when exactly one node waits.</param>
    /// <param name="approved">True to run the node despite the budget, false to fail it and the run.</param>
    /// <param name="by">Who decides.</param>
    /// <param name="comment">Why.</param>
    /// <param name="client">The Durable Task client of the host.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Accepted, run not found, or nothing pending.</returns>
    public async Task<ApprovalOutcome> DecideApprovalAsync(
        string runId, string? nodeId, bool approved, string? by, string? comment, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (await store.ReadAsync(runId, cancellationToken) is not { } record)
        {
            return new ApprovalRunNotFound();
        }

        var waiting = record.Nodes.Values
            .Where(n => n.Status == NodeStatus.AwaitingApproval).Select(n => n.NodeId).Order(StringComparer.Ordinal).ToList();
        var target = nodeId ?? (waiting.Count == 1 ? waiting[0] : null);
        if (target is null || !waiting.Contains(target))
        {
            return new ApprovalNotPending(waiting.Count == 0
                ? $"Run '{runId}' has no node waiting for approval."
                : nodeId is null ? $"Several nodes wait for approval ({string.Join(", ", waiting)}); say which with 'node'."
                : $"Node '{nodeId}' does not wait for approval (waiting: {string.Join(", ", waiting)}).");
        }

        await client.RaiseEventAsync(runId, DurableNames.ApprovalEvent, new ApprovalDecision(target, approved, by, comment), cancellationToken);
        return new ApprovalAccepted(runId, target, approved);
    }

    /// <summary>Asks the orchestrator to cancel a run: nothing more is scheduled, nodes not yet running are cancelled, running ones are stopped.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="by">Who cancels.</param>
    /// <param name="reason">Why.</param>
    /// <param name="client">The Durable Task client of the host.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The run's status before the request, or null when the run does not exist. Asking again is harmless.</returns>
    public async Task<RunStatus?> CancelAsync(string runId, string? by, string? reason, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (await store.GetStatusAsync(runId, cancellationToken) is not { } status)
        {
            return null;
        }

        if (!status.IsTerminal())
        {
            await client.RaiseEventAsync(runId, DurableNames.CancelEvent, new CancelRequest(by, reason), cancellationToken);
        }

        return status;
    }

    // Takes a slot in every capped domain of the graph (Limits/RunSlots), giving back those taken when one is full.
    private async Task<DomainRunCapReached?> AcquireSlotsAsync(GraphDefinition graph, string runId, CancellationToken cancellationToken)
    {
        var taken = new List<string>();
        foreach (var domain in graph.Domains)
        {
            if (skills.FindDomain(domain)?.MaxConcurrentRuns is not { } cap)
            {
                continue;
            }

            if (await slots.TryAcquireAsync(domain, cap, runId, IsActiveAsync, cancellationToken) is { } active)
            {
                foreach (var held in taken)
                {
                    await slots.ReleaseAsync(held, runId, cancellationToken);
                }

                return new DomainRunCapReached(domain, cap, active);
            }

            taken.Add(domain);
        }

        return null;
    }

    private async Task<bool?> IsActiveAsync(string runId, CancellationToken cancellationToken) =>
        await store.GetStatusAsync(runId, cancellationToken) is { } status ? !status.IsTerminal() : null;

    /// <summary>Creates a run id: <c>run-&lt;UTC yyyyMMdd-HHmmss&gt;-&lt;8 hex&gt;</c>, sortable by creation time.</summary>
    /// <returns>The id.</returns>
    public string NewRunId() =>
        $"run-{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";

    private static RunRequestInvalid Invalid(string field, string message) =>
        new("The run request is invalid.", [new GraphError("invalid_request", message, null, null, null, field)]);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{2,63}$")]
    private static partial Regex RunIdPattern();
}
