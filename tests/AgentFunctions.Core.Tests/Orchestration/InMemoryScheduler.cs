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

/// <summary>The whole scheduler (queues, orchestrator, workers, real shell tool) on the in-memory store, pumped by the caller.</summary>
internal sealed class InMemoryScheduler : IDisposable
{
    private readonly ServiceProvider _services;

    public InMemoryScheduler()
    {
        Work = Directory.CreateTempSubdirectory("scheduler-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Mode"] = "InMemory",
            ["AgentFunctions:ContentRoot"] = TestPaths.RepositoryRoot,
            ["Tools:Shell:Enabled"] = "true",
            ["Tools:Workspace:WorkRoot"] = Work,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAgentFunctionsCore(configuration, "standalone");
        _services = services.BuildServiceProvider();
        StorageBootstrap.EnsureCreatedAsync(_services).GetAwaiter().GetResult();
    }

    /// <summary>Gets the work root (shell commands run under it; tests keep their logs here).</summary>
    public string Work { get; }

    public RunService Runs => _services.GetRequiredService<RunService>();

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(Work, recursive: true);
    }

    /// <summary>
    /// Starts a run of inline YAML or a catalog graph, pumps the queues until they are empty, and returns the run. With
    /// <paramref name="duplicate"/> every message is delivered a second time after it was handled; with
    /// <paramref name="hosts"/> &gt; 1 orchestrator messages go round-robin to that many orchestrators, each with its own
    /// run-state cache (as separate processes would have).
    /// </summary>
    public async Task<RunView> RunAsync(string? yaml, string? graph = null, JsonObject? inputs = null, bool duplicate = false, int hosts = 1)
    {
        var accepted = Assert.IsType<RunAccepted>(await Runs.CreateAsync(new RunRequest(graph, yaml, inputs, null), "http"));
        await PumpAsync(duplicate, hosts);
        return (await Runs.GetAsync(accepted.RunId))!;
    }

    public async Task<IReadOnlyList<RunEvent>> EventsAsync(string runId) => (await Runs.GetEventsAsync(runId, 0, 1000))!.Events;

    private async Task PumpAsync(bool duplicate, int hosts)
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
}
