using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace AgentFunctions.Core.Models.Routing;

/// <summary>
/// Per-model limits in this process, with <c>System.Threading.RateLimiting</c>: a <see cref="ConcurrencyLimiter"/> for
/// <see cref="ModelDefinition.MaxConcurrency"/> (calls queue, oldest first, until a slot frees) and a
/// <see cref="SlidingWindowRateLimiter"/> of one minute in six segments for <see cref="ModelDefinition.RequestsPerMinute"/>
/// (a call waits at most the configured time for a permit, then counts as rate limited).
/// </summary>
internal sealed class ModelLimits : IDisposable
{
    private readonly ConcurrentDictionary<string, (RateLimiter? Rpm, RateLimiter? Concurrency)> _byModel = new(StringComparer.Ordinal);

    /// <summary>Waits for a model's permits.</summary>
    /// <param name="model">The model.</param>
    /// <param name="rateLimitWait">The longest wait for a requests-per-minute permit.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The permits, released when disposed.</returns>
    /// <exception cref="ModelRateLimitedException">No requests-per-minute permit within <paramref name="rateLimitWait"/>.</exception>
    public async ValueTask<IDisposable> AcquireAsync(ModelDefinition model, TimeSpan rateLimitWait, CancellationToken cancellationToken)
    {
        var (rpm, concurrency) = _byModel.GetOrAdd(model.Id, _ => Create(model));
        RateLimitLease? rpmLease = null;
        if (rpm is not null)
        {
            rpmLease = rpm.AttemptAcquire();
            if (!rpmLease.IsAcquired && rateLimitWait > TimeSpan.Zero)
            {
                rpmLease.Dispose();
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(rateLimitWait);
                try
                {
                    rpmLease = await rpm.AcquireAsync(1, wait.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    rpmLease = null;
                }
            }

            if (rpmLease is not { IsAcquired: true })
            {
                rpmLease?.Dispose();
                throw new ModelRateLimitedException(
                    $"{model.Id} reached its limit of {model.RequestsPerMinute} requests per minute in this process (waited {rateLimitWait.TotalMilliseconds:0} ms).");
            }
        }

        var concurrencyLease = concurrency is null ? null : await concurrency.AcquireAsync(1, cancellationToken);
        return new Leases(rpmLease, concurrencyLease);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var (rpm, concurrency) in _byModel.Values)
        {
            rpm?.Dispose();
            concurrency?.Dispose();
        }
    }

    private static (RateLimiter?, RateLimiter?) Create(ModelDefinition model) => (
        model.RequestsPerMinute <= 0 ? null : new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = model.RequestsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = 10_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }),
        model.MaxConcurrency <= 0 ? null : new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = model.MaxConcurrency,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));

    private sealed class Leases(RateLimitLease? rpm, RateLimitLease? concurrency) : IDisposable
    {
        public void Dispose()
        {
            concurrency?.Dispose();
            rpm?.Dispose();
        }
    }
}
