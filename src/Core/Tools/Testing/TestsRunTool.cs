using System.Text.Json.Nodes;
using AgentFunctions.Core.Tools.Workspaces;

namespace AgentFunctions.Core.Tools.Testing;

/// <summary>
/// <c>tests.run</c>: builds a fresh working copy of <c>repo</c> (with <c>patch</c> applied when given), runs the test
/// command in it and reports the counts. Succeeds when the command exits with code 0.
/// </summary>
/// <remarks>
/// Arguments: <c>repo</c> (required, relative to the repositories root), <c>patch</c> (unified diff; empty for none),
/// <c>command</c> (a string split on whitespace or an array; default <see cref="TestRunOptions.DefaultCommand"/>).
/// Output: <c>{passed, exit_code, tests_run, failures, errors, command, duration_ms, output, workspace}</c>, where
/// <c>output</c> is the tail (at most <see cref="TestRunOptions.OutputTailChars"/> characters) of stdout then stderr;
/// when the patch does not apply: <c>{passed: false, applied: false, error}</c>.
/// A <c>command</c> whose program is not on <c>Tools:Sandbox:AllowedCommands</c> is refused (a <see cref="ToolArgumentException"/>)
/// before any working copy is made.
/// </remarks>
public sealed class TestsRunTool : ITool
{
    /// <summary>The tool name graphs use.</summary>
    public const string ToolName = "tests.run";

    private readonly WorkspaceManager _workspaces;
    private readonly TestSuiteRunner _tests;

    /// <summary>Creates the tool.</summary>
    /// <param name="workspaces">Builds the working copy.</param>
    /// <param name="tests">Runs the test command.</param>
    public TestsRunTool(WorkspaceManager workspaces, TestSuiteRunner tests)
    {
        ArgumentNullException.ThrowIfNull(workspaces);
        ArgumentNullException.ThrowIfNull(tests);
        _workspaces = workspaces;
        _tests = tests;
    }

    /// <inheritdoc/>
    public string Name => ToolName;

    /// <inheritdoc/>
    public string Description => "Applies a patch to a fresh copy of a repository and runs its tests (Python unittest by default).";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredArguments { get; } = ["repo"];

    /// <inheritdoc/>
    public IReadOnlyList<string> KnownArguments { get; } = ["repo", "patch", "command"];

    /// <inheritdoc/>
    public async Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var arguments = invocation.Arguments;
        var repo = ToolArguments.GetRequiredString(arguments, ToolName, "repo");
        var patch = ToolArguments.GetOptionalString(arguments, ToolName, "patch");
        var command = ToolArguments.GetOptionalCommand(arguments, ToolName, "command");
        if (_tests.Refusal(command) is { } refusal)
        {
            throw new ToolArgumentException(ToolName, "command", refusal);
        }

        ToolArguments.ResolveRepository(_workspaces, ToolName, repo);

        WorkspacePatch[] patches = string.IsNullOrWhiteSpace(patch) ? [] : [new WorkspacePatch("patch", patch)];
        var workspace = await _workspaces.MaterializeAsync(
            invocation.RunId, invocation.NodeId, invocation.Attempt, repo, patches, cancellationToken);
        if (workspace.Failure is { } failure)
        {
            var output = new JsonObject
            {
                ["passed"] = false,
                ["applied"] = false,
                ["error"] = failure.ToString(),
                ["workspace"] = workspace.Path,
            };
            return new ToolResult(false, output, failure.ToString());
        }

        var report = await _tests.RunAsync(workspace.Path, command, cancellationToken);
        var result = ToJson(report);
        result["workspace"] = workspace.Path;
        return report.Passed
            ? new ToolResult(true, result)
            : new ToolResult(false, result, Describe(report));
    }

    /// <summary>Describes a failed run in one line.</summary>
    internal static string Describe(TestRunReport report) =>
        report.TimedOut
            ? $"'{report.CommandLine}' timed out after {report.DurationMs} ms."
            : $"'{report.CommandLine}' exited with code {report.ExitCode}: {report.Counts.TestsRun} run, " +
              $"{report.Counts.Failures} failures, {report.Counts.Errors} errors.";

    private static JsonObject ToJson(TestRunReport report) => new()
    {
        ["passed"] = report.Passed,
        ["exit_code"] = report.ExitCode,
        ["tests_run"] = report.Counts.TestsRun,
        ["failures"] = report.Counts.Failures,
        ["errors"] = report.Counts.Errors,
        ["command"] = report.CommandLine,
        ["duration_ms"] = report.DurationMs,
        ["output"] = report.Output,
    };
}
