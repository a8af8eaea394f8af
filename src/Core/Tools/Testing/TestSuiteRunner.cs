using AgentFunctions.Core.Tools.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tools.Testing;

/// <summary>Runs a test command in a working copy (no shell) and reads its summary.</summary>
public sealed class TestSuiteRunner
{
    private readonly ProcessRunner _runner;
    private readonly TestRunOptions _options;
    private readonly ILogger<TestSuiteRunner> _logger;

    /// <summary>Creates the runner.</summary>
    /// <param name="runner">Runs the test process.</param>
    /// <param name="options">The default command, timeout and output size.</param>
    /// <param name="logger">Logs each run's counts.</param>
    public TestSuiteRunner(ProcessRunner runner, IOptions<TestRunOptions> options, ILogger<TestSuiteRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _runner = runner;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Gets the default command, split on whitespace.</summary>
    public IReadOnlyList<string> DefaultCommand =>
        _options.DefaultCommand.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Runs the command in the working copy and parses the result.</summary>
    /// <param name="workspacePath">The working copy to run in.</param>
    /// <param name="command">The program and its arguments; null or empty for <see cref="DefaultCommand"/>.</param>
    /// <param name="cancellationToken">Kills the test process tree and throws when cancelled.</param>
    /// <returns>The exit code, counts, duration (ms) and output tail.</returns>
    /// <exception cref="ArgumentException"><paramref name="workspacePath"/> is empty.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public async Task<TestRunReport> RunAsync(string workspacePath, IReadOnlyList<string>? command = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspacePath);
        var resolved = command is { Count: > 0 } ? command : DefaultCommand;
        var request = new ProcessRequest(resolved[0], [.. resolved.Skip(1)])
        {
            WorkingDirectory = workspacePath,
            Timeout = TimeSpan.FromSeconds(_options.TimeoutSeconds),
            Environment = new Dictionary<string, string?>
            {
                // Keep the working copy clean: no __pycache__ folders, and output in order.
                ["PYTHONDONTWRITEBYTECODE"] = "1",
                ["PYTHONUNBUFFERED"] = "1",
            },
        };
        var result = await _runner.RunAsync(request, cancellationToken);
        var counts = TestOutputParser.Parse(result.StandardOutput + "\n" + result.StandardError);
        _logger.TestsFinished(workspacePath, result.ExitCode, counts.TestsRun, counts.Failures, counts.Errors);
        var output = result.CombinedOutput(_options.OutputTailChars);
        if (result.TimedOut)
        {
            output += $"\n[killed after {_options.TimeoutSeconds} s]";
        }

        return new TestRunReport(resolved, result.ExitCode, result.TimedOut, counts, result.DurationMs, output);
    }
}
