using AgentFunctions.Core.Budgets;
using AgentFunctions.Core.Learning.Storage;
using AgentFunctions.Core.Orchestration.Storage;
using Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentFunctions.Core.Storage;

/// <summary>
/// Creates every table, queue and container the app uses (idempotent) at startup. A host started before its storage answers
/// waits and retries — 1 s, 2 s, 4 s … up to 30 s apart — logging each failed attempt, instead of exiting.
/// </summary>
public static partial class StorageBootstrap
{
    private static readonly TimeSpan s_maxPause = TimeSpan.FromSeconds(30);

    /// <summary>Creates the storage the app needs if missing, waiting for the account to answer.</summary>
    /// <param name="services">The app's services.</param>
    /// <param name="cancellationToken">Stops waiting (the host is shutting down).</param>
    /// <returns>A task that completes when everything exists.</returns>
    /// <exception cref="OperationCanceledException">Cancelled before storage answered.</exception>
    public static async Task EnsureCreatedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageBootstrap).FullName!);
        var connection = services.GetRequiredService<StorageClients>().Connection;
        var pause = TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await services.GetRequiredService<IRunStore>().EnsureCreatedAsync(cancellationToken);
                var runRequests = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Orchestration.OrchestrationOptions>>().Value.RunRequestQueue;
                foreach (var queue in new[] { runRequests, Messaging.DeadLetterQueue.PoisonQueueOf(runRequests) })
                {
                    await services.GetRequiredService<StorageClients>().Queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                }

                await services.GetRequiredService<DomainBudgetStore>().EnsureCreatedAsync(cancellationToken);
                await services.GetRequiredService<KnowledgeStore>().EnsureCreatedAsync(cancellationToken);
                await services.GetRequiredService<Auth.ApiKeyStore>().EnsureCreatedAsync(cancellationToken);
                await services.GetRequiredService<Limits.RunSlots>().EnsureCreatedAsync(cancellationToken);
                await services.GetRequiredService<Safety.Pii.TablePiiTokenVault>().EnsureCreatedAsync(cancellationToken);
                if (attempt > 1)
                {
                    LogReady(logger, connection.Label, attempt);
                }

                return;
            }
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException && !cancellationToken.IsCancellationRequested)
            {
                LogWaiting(logger, connection.Label, attempt, (int)pause.TotalSeconds, ex.Message);
                await Task.Delay(pause, cancellationToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, s_maxPause.Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 50, Level = LogLevel.Warning, Message = "Storage ({Storage}) does not answer yet (attempt {Attempt}): {Error}; trying again in {PauseSeconds} s")]
    private static partial void LogWaiting(ILogger logger, string storage, int attempt, int pauseSeconds, string error);

    [LoggerMessage(EventId = 51, Level = LogLevel.Information, Message = "Storage ({Storage}) answered after {Attempt} attempts")]
    private static partial void LogReady(ILogger logger, string storage, int attempt);
}
