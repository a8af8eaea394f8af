using System.Text.Json.Nodes;
using AgentFunctions.Core.Hosting;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.FaultInjection;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Orchestration.Storage;
using AgentFunctions.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFunctions.Core.Tests.Orchestration.Faults;

/// <summary>
/// The whole scheduler on a real Azurite (queues, tables and blobs of its own, named per instance), pumped by the test.
/// Messages are received with a 1 s visibility timeout; when an armed <see cref="CrashPoints"/> fires, the "process" dies:
/// nothing it received is deleted, its service provider (run-state cache, worker cache, crash points) is thrown away and
/// a new one is built on the same storage, and pumping goes on; the undeleted messages come back after their timeout.
/// </summary>
internal sealed class AzuriteScheduler : IAsyncDisposable
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(1);

    // Guards against a stuck run only (the test then fails); no assertion depends on time.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private readonly IConfiguration _configuration;
    private readonly List<SimulatedCrashException> _crashes = [];
    private ServiceProvider _services;

    private AzuriteScheduler(string connectionString)
    {
        Work = Directory.CreateTempSubdirectory("faults-").FullName;
        var suffix = Guid.NewGuid().ToString("N")[..12];
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageFactory.ConnectionName] = connectionString,
            ["AgentFunctions:ContentRoot"] = TestPaths.RepositoryRoot,
            ["Tools:Shell:Enabled"] = "true",
            ["Tools:Workspace:WorkRoot"] = Work,
            ["Orchestration:OrchestratorQueue"] = $"orch-{suffix}",
            ["Orchestration:WorkItemQueue"] = $"work-{suffix}",
            ["Orchestration:RunRequestQueue"] = $"requests-{suffix}",
            ["Orchestration:RunsTable"] = $"Runs{suffix}",
            ["Orchestration:PayloadContainer"] = $"payloads-{suffix}",
        }).Build();
        _services = Build();
    }

    /// <summary>The file under <see cref="Work"/> that the test graphs' shell nodes append their node id to.</summary>
    public const string ExecutionLog = "executions.log";

    /// <summary>Gets the work root (shell commands run under it; tests keep their execution logs here).</summary>
    public string Work { get; }

    /// <summary>Gets the path of <see cref="ExecutionLog"/>.</summary>
    public string Log => Path.Combine(Work, ExecutionLog);

    /// <summary>Gets the current process's services (replaced by every restart).</summary>
    public IServiceProvider Services => _services;

    /// <summary>Gets the current process's crash points (a restart gets new, disarmed ones).</summary>
    public CrashPoints CrashPoints => _services.GetRequiredService<CrashPoints>();

    /// <summary>Gets the current process's run store.</summary>
    public RunStore Store => _services.GetRequiredService<RunStore>();

    /// <summary>Gets the crashes that killed a process, in order.</summary>
    public IReadOnlyList<SimulatedCrashException> Crashes => _crashes;

    /// <summary>Starts a scheduler on the Azurite behind <paramref name="connectionString"/>, with storage of its own.</summary>
    public static async Task<AzuriteScheduler> StartAsync(string connectionString)
    {
        var scheduler = new AzuriteScheduler(connectionString);
        await StorageBootstrap.EnsureCreatedAsync(scheduler._services);
        return scheduler;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(Work, recursive: true);
    }

    /// <summary>Simulates a process restart: every in-process state is lost, storage stays.</summary>
    public async Task RestartAsync()
    {
        await _services.DisposeAsync();
        _services = Build();
    }

    /// <summary>Creates a run of inline YAML (its start message waits in the orchestrator queue).</summary>
    public async Task<string> CreateRunAsync(string yaml, JsonObject? inputs = null)
    {
        var runs = _services.GetRequiredService<RunService>();
        return Assert.IsType<RunAccepted>(await runs.CreateAsync(new RunRequest(null, yaml, inputs, null), "http")).RunId;
    }

    /// <summary>
    /// Delivers messages until the run is terminal and both queues are empty (invisible messages included). Orchestrator
    /// messages are handed over in batches (one step per run), work items one at a time. With <paramref name="duplicate"/>
    /// every message is sent a second time after it was handled; with <paramref name="stopAtCrash"/> pumping stops at the
    /// first crash (after the restart).
    /// </summary>
    public async Task PumpAsync(string runId, bool duplicate = false, bool stopAtCrash = false)
    {
        var deadline = DateTimeOffset.UtcNow + HangGuard;
        var duplicated = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Run {runId} did not finish: it is stuck.");
            var options = Store.Options;
            var handlers = _services.GetRequiredService<QueueHandlers>();
            var orchestrator = Store.Queue(options.OrchestratorQueue);
            var workItems = Store.Queue(options.WorkItemQueue);

            var steps = await orchestrator.ReceiveMessagesAsync(32, Visibility);
            if (steps.Count > 0)
            {
                var outcomes = await handlers.HandleOrchestratorAsync([.. steps.Select(ToInbound)]);
                if (await DiedAsync())
                {
                    if (stopAtCrash)
                    {
                        return;
                    }

                    continue;
                }

                await SettleAsync(orchestrator, steps, outcomes, duplicate, duplicated);
            }

            var items = await workItems.ReceiveMessagesAsync(8, Visibility);
            foreach (var item in items)
            {
                var outcome = await handlers.HandleWorkItemAsync(ToInbound(item));
                if (await DiedAsync())
                {
                    break; // the rest of the batch was received by the dead process: it comes back after its timeout
                }

                await SettleAsync(workItems, [item], [outcome], duplicate, duplicated);
            }

            if (stopAtCrash && _crashes.Count > 0)
            {
                return;
            }

            if (steps.Count == 0 && items.Count == 0)
            {
                if (await orchestrator.GetApproximateMessageCountAsync() == 0 && await workItems.GetApproximateMessageCountAsync() == 0)
                {
                    // No message left, not even an invisible one: nothing can move the run any more.
                    var status = (await Store.GetHeaderAsync(runId))?.Header.Status;
                    Assert.True(status?.IsTerminal() == true, $"Run {runId} is stuck: {status}, and no message is left to move it.");
                    return;
                }

                await Task.Delay(100);
            }
        }
    }

    /// <summary>Handles what the orchestrator queue holds now, once, and deletes it (no crash expected).</summary>
    public async Task StepOrchestratorAsync()
    {
        var queue = Store.Queue(Store.Options.OrchestratorQueue);
        var steps = await queue.ReceiveMessagesAsync(32, Visibility);
        var outcomes = await _services.GetRequiredService<QueueHandlers>().HandleOrchestratorAsync([.. steps.Select(ToInbound)]);
        await SettleAsync(queue, steps, outcomes, duplicate: false, []);
    }

    private static InboundMessage ToInbound(QueueMessage message) => new(message.MessageId, message.MessageText, message.DequeueCount);

    // Every handled message must have completed; it is then deleted (and, when duplicating, sent once more).
    private static async Task SettleAsync(
        IQueueClient queue, IReadOnlyList<QueueMessage> messages, IReadOnlyList<MessageOutcome> outcomes, bool duplicate, HashSet<string> duplicated)
    {
        foreach (var message in messages)
        {
            var outcome = Assert.Single(outcomes, o => o.Message.MessageId == message.MessageId);
            Assert.True(outcome.Disposition == MessageDisposition.Completed, $"{queue.Name} message {message.MessageId}: {outcome.Disposition} {outcome.Error}");
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            if (duplicate && duplicated.Add(message.MessageText))
            {
                await queue.SendMessageAsync(message.MessageText);
            }
        }
    }

    // When the armed point fired, the process is dead: restart it (the handlers turned the crash into a retry outcome,
    // which is what the queue would do with an undeleted message anyway).
    private async Task<bool> DiedAsync()
    {
        if (CrashPoints.Crash is not { } crash)
        {
            return false;
        }

        _crashes.Add(crash);
        await RestartAsync();
        return true;
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(_configuration);
        services.AddAgentFunctionsCore(_configuration, "standalone");
        return services.BuildServiceProvider();
    }
}
