using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// The state machine of one run: applies orchestrator events (start, node completions, approval decisions, cancellation) to
/// the run's state and says what changed, which node attempts to dispatch and which events to record. Deterministic and
/// free of I/O and clocks (the caller passes the time), so a Durable Task orchestrator can keep one instance for a whole
/// run and rebuild it by replay. Each <see cref="Apply"/> costs time in proportion to what it changes, not to the size of
/// the run: the counts a join or the end of a run depends on are kept up to date as nodes change.
/// </summary>
public sealed partial class RunMachine
{
    private readonly GraphDefinition _graph;
    private readonly GraphIndex _index;
    private readonly Dictionary<string, NodeState> _nodes;
    private readonly Dictionary<string, NodeState> _changed = new(StringComparer.Ordinal);
    private readonly List<WorkItemDispatch> _dispatches = [];
    private readonly List<RunEvent> _events = [];
    private readonly Queue<string> _candidates = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private RunHeader _header;
    private BudgetInputs _budget = BudgetInputs.None;
    private DateTimeOffset _now;

    private bool Active => _header.Status is RunStatus.Running or RunStatus.AwaitingApproval;

    /// <summary>Creates the machine from a run's state (copied; the snapshot is not changed later).</summary>
    /// <param name="snapshot">The header and node states; graph nodes it lacks start pending.</param>
    /// <param name="graph">The graph the run executes.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public RunMachine(RunSnapshot snapshot, GraphDefinition graph)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(graph);
        _graph = graph;
        _index = GraphIndex.For(graph);
        _header = snapshot.Header;
        _nodes = new Dictionary<string, NodeState>(snapshot.Nodes, StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            _nodes.TryAdd(node.Id, NodeState.Initial(node.Id));
        }

        InitializeCounts();
    }

    /// <summary>Gets the run header as of the last <see cref="Apply"/>.</summary>
    public RunHeader Header => _header;

    /// <summary>Gets every node state (graph nodes and <c>for_each</c> instances) as of the last <see cref="Apply"/>.</summary>
    public IReadOnlyDictionary<string, NodeState> Nodes => _nodes;

    /// <summary>Gets how many nodes (and <c>for_each</c> instances) have not ended.</summary>
    public int OpenNodes => _open;

    /// <summary>Gets the graph the run executes.</summary>
    public GraphDefinition Graph => _graph;

    /// <summary>Applies events to the run, in order, then schedules what became ready and ends the run when nothing is left.</summary>
    /// <param name="events">The events.</param>
    /// <param name="budget">Cost plan of every node and domain-budget refusals known from outside the machine.</param>
    /// <param name="now">The time to stamp on changes (an orchestrator passes its replay-safe current time).</param>
    /// <returns>The changes of this step: new header, changed nodes, dispatches and events.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An event is of an unknown type.</exception>
    public TransitionResult Apply(IReadOnlyList<OrchestratorEvent> events, BudgetInputs budget, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(budget);
        _budget = budget;
        _now = now;
        _changed.Clear();
        _dispatches.Clear();
        _events.Clear();
        foreach (var e in events)
        {
            switch (e)
            {
                case StartRun:
                    Start();
                    break;
                case NodeCompleted completed:
                    Complete(completed.Result);
                    break;
                case ApprovalDecided decided:
                    Decide(decided);
                    break;
                case CancelRun cancel:
                    Cancel(cancel);
                    break;
                default:
                    throw new ArgumentException($"Unknown event type {e.GetType().Name}.", nameof(events));
            }
        }

        Schedule();
        FinishIfDone();
        return new TransitionResult(_header, [.. _changed.Values], [.. _dispatches], [.. _events]);
    }

    private void Set(NodeState node)
    {
        _nodes.TryGetValue(node.NodeId, out var old);
        _nodes[node.NodeId] = node;
        _changed[node.NodeId] = node;
        Track(old, node);
    }

    private void Emit(string type, string? nodeId, JsonObject data)
    {
        _events.Add(new RunEvent(_header.NextEventSeq, type, nodeId, _now, data));
        _header = _header with { NextEventSeq = _header.NextEventSeq + 1 };
    }

    private static JsonObject Data(params (string Key, JsonNode? Value)[] items)
    {
        var data = new JsonObject();
        foreach (var (key, value) in items)
        {
            if (value is not null)
            {
                data[key] = value;
            }
        }

        return data;
    }
}
