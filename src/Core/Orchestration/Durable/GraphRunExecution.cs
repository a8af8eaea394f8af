using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Orchestration.Messages;
using Microsoft.DurableTask;

namespace AgentFunctions.Core.Orchestration.Durable;

/// <summary>
/// One execution of <see cref="GraphOrchestrator"/> (rebuilt on every replay). A completion queue instead of
/// <c>Task.WhenAny</c> over every task in flight: each activity, sub-orchestration, timer and external-event wait puts what
/// it produced in <c>_ready</c> and wakes the main loop. The Durable Task Framework delivers history events one at a time
/// and runs orchestrator continuations inline, so the order of the queue — and every decision — is the order of the history.
/// </summary>
internal sealed partial class GraphRunExecution
{
    private readonly TaskOrchestrationContext _context;
    private readonly GraphRunInput _input;
    private readonly GraphService _graphs;
    private readonly Queue<OrchestratorEvent> _ready = new();

    // Nodes whose activity is being awaited now (dispatched and past any back-off): a cancellation lets them stop and report.
    private readonly HashSet<string> _executing = new(StringComparer.Ordinal);
    private readonly RunRecorder _recorder;
    private TaskCompletionSource? _wake;
    private bool _woken;
    private int _inFlight;
    private RunMachine? _machine;
    private BudgetInputs _budget = BudgetInputs.None;

    public GraphRunExecution(TaskOrchestrationContext context, GraphRunInput input, GraphService graphs)
    {
        _context = context;
        _input = input;
        _graphs = graphs;
        _recorder = new RunRecorder(context, input.Run.RunId, Wake);
    }

    private DateTimeOffset Now => new(_context.CurrentUtcDateTime, TimeSpan.Zero);

    private RunMachine Machine => _machine ?? throw new InvalidOperationException("The run has not started.");

    public async Task<GraphRunOutcome> RunAsync()
    {
        var run = _input.Run;
        GraphDefinition graph;
        try
        {
            graph = _graphs.ForRun(run.GraphHash, run.GraphYaml);
        }
        catch (InvalidOperationException ex)
        {
            return await FailUnstartableAsync(ex.Message);
        }

        if (graph.Nodes.Any(n => n.Kind == NodeKind.Skill))
        {
            var plans = await _context.CallActivityAsync<Dictionary<string, NodeCostPlan>>(
                DurableNames.PlanRunActivity, new PlanRunInput(run.RunId, run.GraphHash, run.GraphYaml), DurableRetries.Infrastructure);
            _budget = new BudgetInputs(plans, new Dictionary<string, IReadOnlyDictionary<string, string>>());
        }

        var nodes = (_input.CopiedNodes ?? []).ToDictionary(n => n.NodeId, StringComparer.Ordinal);
        _machine = new RunMachine(new RunSnapshot(RunHeaders.New(run), nodes), graph);
        _recorder.Start(run.GraphYaml, [.. nodes.Values]);
        _ = ListenForApprovalsAsync();
        _ = ListenForCancellationAsync();
        _ready.Enqueue(new StartRun());
        while (true)
        {
            if (_ready.Count > 0)
            {
                Step();
            }

            _recorder.FlushIfIdle();
            if (Machine.Header.Status.IsTerminal() && _inFlight == 0 && _recorder.Idle)
            {
                break;
            }

            await WaitAsync();
        }

        var header = Machine.Header;
        if (!_context.IsReplaying)
        {
            RunSpans.EmitRun(run, header, Now);
        }

        return new GraphRunOutcome(run.RunId, header.Status.ToWire(), header.Error, header.SpentUsd);
    }

    private void Step()
    {
        var events = new List<OrchestratorEvent>(_ready.Count);
        while (_ready.TryDequeue(out var e))
        {
            events.Add(e is CancelRun cancel ? cancel with { Executing = _executing.ToHashSet(StringComparer.Ordinal) } : e);
        }

        var result = Machine.Apply(events, _budget, Now);
        _recorder.Add(result);
        Dispatch(result.Dispatches);
        _context.SetCustomStatus(new RunProgress(result.Header.Status.ToWire(), Machine.OpenNodes, result.Header.SpentUsd));
    }

    // The graph no longer validates (e.g. a skill it names was removed since the run was accepted): record the failure.
    private async Task<GraphRunOutcome> FailUnstartableAsync(string error)
    {
        var run = _input.Run;
        var now = Now;
        var header = RunHeaders.New(run) with { Status = RunStatus.Failed, StartedAt = now, CompletedAt = now, Error = error, NextEventSeq = 2 };
        var failed = new RunEvent(1, "run_failed", null, now, new System.Text.Json.Nodes.JsonObject { ["error"] = error });
        await _context.CallActivityAsync(DurableNames.RecordRunActivity, new RunRecordBatch(run.RunId, header, [], [failed]) { GraphYaml = run.GraphYaml }, DurableRetries.Infrastructure);
        if (!_context.IsReplaying)
        {
            RunSpans.EmitRun(run, header, Now);
        }

        return new GraphRunOutcome(run.RunId, header.Status.ToWire(), error, 0);
    }

    private async Task ListenForApprovalsAsync()
    {
        while (true)
        {
            var decision = await _context.WaitForExternalEvent<ApprovalDecision>(DurableNames.ApprovalEvent);
            _ready.Enqueue(new ApprovalDecided(decision.NodeId, decision.Approved, decision.By, decision.Comment));
            Wake();
        }
    }

    private async Task ListenForCancellationAsync()
    {
        while (true)
        {
            var request = await _context.WaitForExternalEvent<CancelRequest>(DurableNames.CancelEvent);
            _ready.Enqueue(new CancelRun(request?.By, request?.Reason));
            Wake();
        }
    }

    private Task WaitAsync()
    {
        if (_woken)
        {
            _woken = false;
            return Task.CompletedTask;
        }

        _wake = new TaskCompletionSource();
#pragma warning disable VSTHRD003 // Orchestrator code: the source is completed by this orchestration's own continuations, on its own (synchronous) scheduler.
        return _wake.Task;
#pragma warning restore VSTHRD003
    }

    private void Wake()
    {
        if (_wake is { } wake)
        {
            _wake = null;
            wake.TrySetResult();
        }
        else
        {
            _woken = true;
        }
    }

    /// <summary>What the orchestration instance shows as its custom status.</summary>
    /// <param name="Status">The run status.</param>
    /// <param name="OpenNodes">Nodes (and instances) not yet ended.</param>
    /// <param name="CostUsd">Spent so far, in USD.</param>
    private sealed record RunProgress(string Status, int OpenNodes, decimal CostUsd);
}
