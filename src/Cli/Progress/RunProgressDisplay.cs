using Spectre.Console;

namespace AgentFunctions.Cli.Progress;

/// <summary>Chooses the progress display: a live table on an interactive terminal, plain lines otherwise.</summary>
public static class RunProgressDisplay
{
    /// <summary>Runs <paramref name="body"/> with a progress display.</summary>
    /// <typeparam name="T">What the body returns.</typeparam>
    /// <param name="terminal">The console when output is an interactive terminal (a live table), or null (plain lines).</param>
    /// <param name="plain">Where plain lines go when <paramref name="terminal"/> is null.</param>
    /// <param name="body">Follows the run and feeds the display.</param>
    /// <param name="showRunStatus">False when the caller prints the run's status changes itself (plain lines only).</param>
    /// <returns>What the body returned.</returns>
    public static async Task<T> RunAsync<T>(IAnsiConsole? terminal, TextWriter plain, Func<IRunProgress, Task<T>> body, bool showRunStatus = true)
    {
        ArgumentNullException.ThrowIfNull(plain);
        ArgumentNullException.ThrowIfNull(body);
        if (terminal is null)
        {
            return await body(new PlainRunProgress(plain, showRunStatus));
        }

        var table = LiveRunProgress.CreateTable();
        return await terminal.Live(table).AutoClear(false).Overflow(VerticalOverflow.Ellipsis)
            .StartAsync(context => body(new LiveRunProgress(context, table)));
    }
}
