using AgentFunctions.Core.Tools.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tools.Testing;

/// <summary>
/// Runs a test command in a working copy (no shell) and reads its summary. The command's program must be on
/// <see cref="SandboxOptions.EffectiveAllowedCommands"/> (see <see cref="SandboxCommands"/>).
/// </summary>
public sealed class TestSuiteRunner
{
    private readonly ProcessRunner _runner;
    private readonly TestRunOptions _options;
    private readonly ILogger<TestSuiteRunner> _logger;
    private readonly SandboxOptions _sandbox;

    /// <summary>Creates the runner.</summary>
    /// <param name="runner">Runs the test process.</param>
    /// <param name="options">The default command, timeout and output size.</param>
    /// <param name="logger">Logs each run's counts.</param>
    /// <param name="sandbox">The commands allowed to run; null for <see cref="SandboxOptions.DefaultAllowedCommands"/>.</param>
    public TestSuiteRunner(ProcessRunner runner, IOptions<TestRunOptions> options, ILogger<TestSuiteRunner> logger, IOptions<SandboxOptions>? sandbox = null)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _runner = runner;
        _options = options.Value;
        _logger = logger;
        _sandbox = sandbox?.Value ?? new SandboxOptions();
    }

    /// <summary>Gets the default command, split on whitespace.</summary>
    public IReadOnlyList<string> DefaultCommand =>
        _options.DefaultCommand.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Says why a command may not run, or nothing when it may (its program is on the allowed list).</summary>
    /// <param name="command">The program and its arguments; null or empty for <see cref="DefaultCommand"/>.</param>
    /// <returns>Null when allowed; otherwise a message naming the program and the setting <see cref="SandboxOptions.AllowedCommandsSetting"/>.</returns>
    public string? Refusal(IReadOnlyList<string>? command)
    {
        var resolved = command is { Count: > 0 } ? command : DefaultCommand;
        if (resolved.Count == 0)
        {
            return $"The test command is empty; set {TestRunOptions.SectionName}:DefaultCommand or give the node a command.";
        }

        var refusal = SandboxCommands.Refusal(resolved[0], _sandbox);
        return refusal is not null && command is not { Count: > 0 }
            ? $"{refusal} (It is the default test command, {TestRunOptions.SectionName}:DefaultCommand.)"
            : refusal;
    }

    /// <summary>Runs the command in the working copy and parses the result.</summary>
    /// <param name="workspacePath">The working copy to run in.</param>
    /// <param name="command">The program and its arguments; null or empty for <see cref="DefaultCommand"/>.</param>
    /// <param name="cancellationToken">Kills the test process tree and throws when cancelled.</param>
    /// <returns>The exit code, counts, duration (ms) and output tail.</returns>
    /// <exception cref="ArgumentException"><paramref name="workspacePath"/> is empty.</exception>
    /// <exception cref="CommandNotAllowedException">The program is not on the allowed list (<see cref="Refusal"/> says so beforehand).</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public async Task<TestRunReport> RunAsync(string workspacePath, IReadOnlyList<string>? command = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspacePath);
        var resolved = command is { Count: > 0 } ? command : DefaultCommand;
        if (Refusal(command) is { } refusal)
        {
            throw new CommandNotAllowedException(resolved.Count > 0 ? resolved[0] : string.Empty, refusal);
        }

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
