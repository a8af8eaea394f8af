using Microsoft.Extensions.Logging;

namespace AgentFunctions.Bench.Hosting;

/// <summary>The logger the scheduler's services get in the harness: forwards Information and above to <see cref="RunWatch"/>, prints nothing.</summary>
#pragma warning disable CA1812 // Instantiated by the container as the open generic ILogger<>.
internal sealed class WatchLogger<T>(RunWatch watch) : ILogger<T>
#pragma warning restore CA1812
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            watch.Record(logLevel, eventId, state, exception, formatter);
        }
    }
}
