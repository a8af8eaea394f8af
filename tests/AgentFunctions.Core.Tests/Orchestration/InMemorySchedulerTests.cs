using System.Text.Json.Nodes;
using AgentFunctions.Core.Hosting;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFunctions.Core.Tests.Orchestration;

/// <summary>The whole scheduler (queues, orchestrator, workers, real shell tool) on the in-memory store, pumped by the test.</summary>
public sealed class InMemorySchedulerTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("scheduler-").FullName;
    private readonly ServiceProvider _services;

    public InMemorySchedulerTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Mode"] = "InMemory",
            ["AgentFunctions:ContentRoot"] = TestPaths.RepositoryRoot,
            ["Tools:Shell:Enabled"] = "true",
            ["Tools:Workspace:WorkRoot"] = _work,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAgentFunctionsCore(configuration, "standalone");
        _services = services.BuildServiceProvider();
        StorageBootstrap.EnsureCreatedAsync(_services).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    private string Log => Path.Combine(_work, "executions.log");

    private string Graph => "name: diamond\nnodes:\n"
        + Shell("a", "[]") + Shell("b", "a") + Shell("c", "a") + Shell("d", "[b, c]");

    private string Shell(string id, string needs) =>
        $"  {id}:\n    tool: shell\n    needs: {needs}\n    with: {{ command: 'echo $AF_NODE_ID >> {Log}' }}\n";

    /// <summary>
    /// Delivers messages until the queues are empty; with <paramref name="duplicate"/> every message is delivered a second
    /// time after it was handled; with <paramref name="hosts"/> &gt; 1 orchestrator messages go round-robin to that many
    /// orchestrators, each with its own run-state cache (as separate processes would have).
    /// </summary>
    private async Task PumpAsync(bool duplicate, int hosts = 1)
    {
        var handlers = _services.GetRequiredService<QueueHandlers>();
        var orchestrators = Enumerable.Range(0, hosts).Select(i => i == 0 ? handlers : ActivatorUtilities.CreateInstance<QueueHandlers>(
            _services, ActivatorUtilities.CreateInstance<RunOrchestrator>(_services, new RunStateCache()))).ToList();
        var turn = 0;
        var storage = _services.GetRequiredService<IStorageAccount>();
        var orchestrator = storage.GetQueueClient("orchestrator");
        var workItems = storage.GetQueueClient("work-items");
        var duplicated = new HashSet<string>(StringComparer.Ordinal);
        for (var idle = 0; idle < 3;)
        {
            var handled = false;
            foreach (var queue in new[] { orchestrator, workItems })
            {
                foreach (var message in await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1)))
                {
                    var inbound = new InboundMessage(message.MessageId, message.MessageText, message.DequeueCount);
                    var outcome = queue == orchestrator
                        ? (await orchestrators[turn++ % hosts].HandleOrchestratorAsync([inbound]))[0]
                        : await handlers.HandleWorkItemAsync(inbound);
                    Assert.Equal(MessageDisposition.Completed, outcome.Disposition);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                    if (duplicate && duplicated.Add(message.MessageText))
                    {
                        await queue.SendMessageAsync(message.MessageText);
                    }

                    handled = true;
                }
            }

            idle = handled ? 0 : idle + 1;
        }
    }

    private async Task<RunView> RunAsync(bool duplicate, int hosts = 1)
    {
        var runs = _services.GetRequiredService<RunService>();
        var accepted = Assert.IsType<RunAccepted>(await runs.CreateAsync(new RunRequest(null, Graph, null, null), "http"));
        await PumpAsync(duplicate, hosts);
        return (await runs.GetAsync(accepted.RunId))!;
    }

    [Fact]
    public async Task Run_DiamondGraph_SucceedsWithEveryNodeRunOnce()
    {
        var run = await RunAsync(duplicate: false);

        Assert.Equal("succeeded", run.Status);
        Assert.All(run.Nodes, n => Assert.Equal("succeeded", n.Status));
        Assert.Equal(["a", "b", "c", "d"], (await File.ReadAllLinesAsync(Log)).Order());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_OrchestratorMessagesSharedByThreeProcesses_StaleCachesNeverLoseACompletion(bool duplicate)
    {
        // Each orchestrator caches the run as it last committed it; the next step of the run usually lands on another one,
        // whose cache is stale (e.g. still has b and c pending when their completions arrive).
        var run = await RunAsync(duplicate, hosts: 3);
        var events = await _services.GetRequiredService<RunService>().GetEventsAsync(run.RunId, 0, 1000);

        Assert.Equal("succeeded", run.Status);
        Assert.All(run.Nodes, n => Assert.Equal(("succeeded", 1), (n.Status, n.Attempt)));
        Assert.Equal(["a", "b", "c", "d"], (await File.ReadAllLinesAsync(Log)).Order());
        Assert.Equal(4, events!.Events.Count(e => e.Type == "node_succeeded"));
    }

    [Fact]
    public async Task Run_EveryMessageDeliveredTwice_SameFinalStateAndEachNodeRunOnce()
    {
        var run = await RunAsync(duplicate: true);
        var events = await _services.GetRequiredService<RunService>().GetEventsAsync(run.RunId, 0, 1000);

        Assert.Equal("succeeded", run.Status);
        Assert.All(run.Nodes, n => Assert.Equal(("succeeded", 1), (n.Status, n.Attempt)));
        Assert.Equal(["a", "b", "c", "d"], (await File.ReadAllLinesAsync(Log)).Order());
        Assert.Equal(4, events!.Events.Count(e => e.Type == "node_succeeded"));
        Assert.Single(events.Events, e => e.Type == "run_succeeded");
    }

    [Fact]
    public async Task Run_NoopFanOutWithoutArguments_EveryNodeSucceedsWithEmptyOutput()
    {
        var yaml = "name: noops\nnodes:\n  root:\n    tool: noop\n  left:\n    tool: noop\n    needs: root\n"
            + "  right:\n    tool: noop\n    needs: root\n  join:\n    tool: noop\n    needs: [left, right]\n";
        var runs = _services.GetRequiredService<RunService>();
        var accepted = Assert.IsType<RunAccepted>(await runs.CreateAsync(new RunRequest(null, yaml, null, null), "http"));
        await PumpAsync(duplicate: false);

        var run = (await runs.GetAsync(accepted.RunId))!;
        Assert.Equal("succeeded", run.Status);
        Assert.All(run.Nodes, n => Assert.Equal(("succeeded", "{}"), (n.Status, n.Output!.ToJsonString())));
    }

    [Fact]
    public async Task Run_NodeOutput_IsReadableByDownstreamExpressions()
    {
        var yaml = "name: chain\nnodes:\n  first:\n    tool: shell\n    with: { command: 'echo forty-two' }\n"
            + "  second:\n    tool: shell\n    needs: first\n    with: { command: 'echo got ${{ nodes.first.output.output }}' }\n";
        var runs = _services.GetRequiredService<RunService>();
        var accepted = Assert.IsType<RunAccepted>(await runs.CreateAsync(new RunRequest(null, yaml, new JsonObject(), null), "http"));
        await PumpAsync(duplicate: false);

        var run = (await runs.GetAsync(accepted.RunId))!;
        Assert.Contains("got forty-two", run.Nodes.Single(n => n.Id == "second").Output!["output"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
