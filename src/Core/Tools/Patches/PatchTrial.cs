using AgentFunctions.Core.Tools.Testing;
using AgentFunctions.Core.Tools.Workspaces;

namespace AgentFunctions.Core.Tools.Patches;

/// <summary>One set of candidates applied together to a fresh copy and tested.</summary>
/// <param name="Names">The candidates applied, in order.</param>
/// <param name="Workspace">The working copy.</param>
/// <param name="Report">The test run, or null when a patch did not apply.</param>
internal sealed record PatchTrial(IReadOnlyList<string> Names, MaterializedWorkspace Workspace, TestRunReport? Report)
{
    public bool Applied => Workspace.Succeeded;

    public bool Passed => Report is { Passed: true };

    public string Label => string.Join(" + ", Names);

    public string Outcome => Report switch
    {
        null => Workspace.Failure?.ToString() ?? "not tested",
        { Passed: true } r => $"tests passed ({r.Counts.TestsRun} run)",
        { TimedOut: true } => "tests timed out",
        var r => $"tests failed ({r.Counts.TestsRun} run, {r.Counts.Failures} failures, {r.Counts.Errors} errors, exit code {r.ExitCode})",
    };
}
