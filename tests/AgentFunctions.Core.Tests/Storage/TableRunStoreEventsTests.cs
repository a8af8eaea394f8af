using System.Text.Json.Nodes;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Durable;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Orchestration.Storage;
using AgentFunctions.Core.Storage;
using AgentFunctions.TestSupport;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Storage;

/// <summary>
/// The run record's events in Table storage on a real Azurite, when a record activity of an orchestration episode that was
/// never committed (its host died after sending its messages) runs beside the episode that replaced it: the replacement
/// batches the same sequence numbers differently, and readers must see each number once, the replacement's.
/// </summary>
public sealed class TableRunStoreEventsTests
{
    private readonly TableRunStore _store;
    private readonly RunCreation _run = new("run-events-" + SharedAzurite.Suffix(), "g", "name: g\nnodes:\n  a: { tool: noop }\n", "hash", [], null, DateTimeOffset.UtcNow, "http");

    public TableRunStoreEventsTests()
    {
        var clients = SharedAzurite.ClientsAsync().GetAwaiter().GetResult();
        var options = Options.Create(new OrchestrationOptions { RunsTable = "Runs" + SharedAzurite.Suffix() });
        _store = new TableRunStore(clients, new PayloadStore(clients, options), options);
        _store.EnsureCreatedAsync().GetAwaiter().GetResult();
        _store.TryCreateAsync(_run).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task ReadEvents_AStaleEpisodeBatchedTheSameSequenceNumbersDifferently_EachNumberOnceFromTheReplacement()
    {
        // The lost episode: w1 and w2 succeeded, as events 2–4, header at 5.
        await WriteAsync(1, [Event(1, "run_started", null)], next: 2);
        await WriteAsync(2, [Event(2, "node_succeeded", "w1"), Event(3, "node_succeeded", "w2"), Event(4, "node_scheduled", "join")], next: 5);

        // Its replacement saw w2 first and wrote version 2 again with other events, then went on.
        await WriteAsync(2, [Event(2, "node_succeeded", "w2")], next: 3);
        var meanwhile = await _store.ReadEventsAsync(_run.RunId, 0, 100);
        await WriteAsync(3, [Event(3, "node_succeeded", "w1"), Event(4, "node_scheduled", "join"), Event(5, "node_succeeded", "join")], next: 6);
        var events = await _store.ReadEventsAsync(_run.RunId, 0, 100);

        Assert.Equal(["1 run_started", "2 node_succeeded w2"], meanwhile.Select(Describe));
        Assert.Equal(["1 run_started", "2 node_succeeded w2", "3 node_succeeded w1", "4 node_scheduled join", "5 node_succeeded join"], events.Select(Describe));
        Assert.Equal(["4 node_scheduled join", "5 node_succeeded join"], (await _store.ReadEventsAsync(_run.RunId, 3, 100)).Select(Describe));
        Assert.Equal(["1 run_started", "2 node_succeeded w2"], (await _store.ReadEventsAsync(_run.RunId, 0, 2)).Select(Describe));
    }

    [Fact]
    public async Task ReadEvents_RecordActivityDeliveredTwice_EventsAppearOnce()
    {
        var batch = new[] { Event(1, "run_started", null), Event(2, "node_scheduled", "a") };
        await WriteAsync(1, batch, next: 3);
        await WriteAsync(1, batch, next: 3);

        Assert.Equal(["1 run_started", "2 node_scheduled a"], (await _store.ReadEventsAsync(_run.RunId, 0, 100)).Select(Describe));
    }

    private Task WriteAsync(long version, IReadOnlyList<RunEvent> events, long next) =>
        _store.WriteAsync(new RunRecordBatch(_run.RunId, RunHeaders.New(_run) with { Status = RunStatus.Running, NextEventSeq = next }, [], events) { Version = version });

    private static RunEvent Event(long seq, string type, string? nodeId) => new(seq, type, nodeId, DateTimeOffset.UtcNow, new JsonObject());

    private static string Describe(RunEvent e) => $"{e.Seq} {e.Type}{(e.NodeId is null ? string.Empty : " " + e.NodeId)}";
}
