using Microsoft.Extensions.Logging;

namespace AgentFunctions.Core.Tools;

/// <summary>Source-generated log messages of the tools (event ids 4100-4199).</summary>
internal static partial class ToolsLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "Started {FileName} (pid {ProcessId}) in {WorkingDirectory}")]
    public static partial void ProcessStarted(this ILogger logger, string fileName, int processId, string workingDirectory);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "{FileName} (pid {ProcessId}) exited with {ExitCode} after {DurationMs} ms")]
    public static partial void ProcessExited(this ILogger logger, string fileName, int processId, int exitCode, long durationMs);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "{FileName} (pid {ProcessId}) timed out after {TimeoutMs} ms; its process tree was killed")]
    public static partial void ProcessTimedOut(this ILogger logger, string fileName, int processId, long timeoutMs);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "{FileName} (pid {ProcessId}) was cancelled; its process tree was killed")]
    public static partial void ProcessCancelled(this ILogger logger, string fileName, int processId);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Could not start {FileName}: {Reason}")]
    public static partial void ProcessCouldNotStart(this ILogger logger, string fileName, string reason);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Debug, Message = "Removed {Count} secret-looking variable(s) from the environment of {FileName}: {Names}")]
    public static partial void EnvironmentScrubbed(this ILogger logger, string fileName, int count, string names);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "Materialized {Repository} at {Path} with {PatchCount} patch(es) applied")]
    public static partial void WorkspaceMaterialized(this ILogger logger, string repository, string path, int patchCount);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "Patch {PatchName} does not apply to {Repository}: {GitError}")]
    public static partial void PatchRejected(this ILogger logger, string patchName, string repository, string gitError);

    [LoggerMessage(EventId = 4120, Level = LogLevel.Information, Message = "Tests in {Path} ended with exit code {ExitCode}: {TestsRun} run, {Failures} failures, {Errors} errors")]
    public static partial void TestsFinished(this ILogger logger, string path, int exitCode, int testsRun, int failures, int errors);

    [LoggerMessage(EventId = 4130, Level = LogLevel.Information, Message = "Patch selection for run {RunId} node {NodeId}: {Reason}")]
    public static partial void PatchSelected(this ILogger logger, string runId, string nodeId, string reason);

    [LoggerMessage(EventId = 4140, Level = LogLevel.Information, Message = "Security scan for run {RunId} node {NodeId}: {FindingCount} finding(s) in {LinesScanned} added line(s)")]
    public static partial void SecurityScanned(this ILogger logger, string runId, string nodeId, int findingCount, int linesScanned);

    [LoggerMessage(EventId = 4150, Level = LogLevel.Information, Message = "Changelog entry committed as {Commit} in {Path}")]
    public static partial void ChangelogCommitted(this ILogger logger, string commit, string path);

    [LoggerMessage(EventId = 4170, Level = LogLevel.Information, Message = "Removed run folder {Path}: its newest write, {NewestWrite:o}, is older than the retention of {Retention}")]
    public static partial void WorkspaceRemoved(this ILogger logger, string path, DateTimeOffset newestWrite, TimeSpan retention);

    [LoggerMessage(EventId = 4171, Level = LogLevel.Warning, Message = "Could not remove run folder {Path}: {Reason}")]
    public static partial void WorkspaceRemoveFailed(this ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 4172, Level = LogLevel.Debug, Message = "Left {Path} alone: not a run folder (a run folder holds only <node>-a<attempt> folders)")]
    public static partial void WorkspaceNotARunFolder(this ILogger logger, string path);

    [LoggerMessage(EventId = 4173, Level = LogLevel.Information, Message = "Swept {WorkRoot}: removed {Removed} run folder(s) older than {Retention}, kept {Kept}")]
    public static partial void WorkspaceSwept(this ILogger logger, string workRoot, int removed, TimeSpan retention, int kept);

    [LoggerMessage(EventId = 4174, Level = LogLevel.Information, Message = "Workspace retention is off (Tools:Workspace:Retention is {Retention}); run folders under {WorkRoot} are kept")]
    public static partial void WorkspaceRetentionOff(this ILogger logger, TimeSpan retention, string workRoot);

    [LoggerMessage(EventId = 4160, Level = LogLevel.Warning, Message = "Shell tool refused for run {RunId} node {NodeId}: Tools:Shell:Enabled is false")]
    public static partial void ShellRefused(this ILogger logger, string runId, string nodeId);
}
