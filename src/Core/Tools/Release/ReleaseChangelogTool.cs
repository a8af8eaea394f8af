using System.Globalization;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Tools.Workspaces;
using Microsoft.Extensions.Logging;

namespace AgentFunctions.Core.Tools.Release;

/// <summary>
/// <c>release.changelog</c>: builds a fresh working copy of <c>repo</c> with <c>patch</c> applied, adds
/// <c>- &lt;title&gt; (run &lt;runId&gt;, &lt;UTC date&gt;)</c> under <c>## [Unreleased]</c> in <c>CHANGELOG.md</c> and
/// commits it. The copy is rebuilt on every call, so the same (run, node, attempt) gives the same result; the source
/// repository is never modified.
/// </summary>
/// <remarks>
/// Arguments: <c>repo</c> (required), <c>patch</c> (required unified diff; empty releases the changelog entry alone),
/// <c>title</c> (default "Automated change"), <c>run_id</c> (default the invocation's run id).
/// Output: <c>{workspace, commit, base_commit, entry, files_changed}</c>, where <c>files_changed</c> lists the files
/// that differ from the base commit (the patch's files and <c>CHANGELOG.md</c>).
/// </remarks>
public sealed class ReleaseChangelogTool : ITool
{
    /// <summary>The tool name graphs use.</summary>
    public const string ToolName = "release.changelog";

    /// <summary>The changelog file, at the repository root.</summary>
    public const string ChangelogFile = "CHANGELOG.md";

    private const int MaxTitleChars = 200;

    private readonly WorkspaceManager _workspaces;
    private readonly TimeProvider _time;
    private readonly ILogger<ReleaseChangelogTool> _logger;

    /// <summary>Creates the tool.</summary>
    /// <param name="workspaces">Builds the working copy and commits.</param>
    /// <param name="time">Gives the UTC date of the entry.</param>
    /// <param name="logger">Logs the release commit.</param>
    public ReleaseChangelogTool(WorkspaceManager workspaces, TimeProvider time, ILogger<ReleaseChangelogTool> logger)
    {
        ArgumentNullException.ThrowIfNull(workspaces);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _workspaces = workspaces;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc/>
    public string Name => ToolName;

    /// <inheritdoc/>
    public string Description => "Applies a patch to a fresh copy of a repository, adds a CHANGELOG.md entry under [Unreleased] and commits.";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredArguments { get; } = ["repo", "patch"];

    /// <inheritdoc/>
    public IReadOnlyList<string> KnownArguments { get; } = ["repo", "patch", "title", "run_id"];

    /// <inheritdoc/>
    public async Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var arguments = invocation.Arguments;
        var repo = ToolArguments.GetRequiredString(arguments, ToolName, "repo");
        var patch = ToolArguments.GetRequiredString(arguments, ToolName, "patch", allowEmpty: true);
        var title = OneLine(ToolArguments.GetOptionalString(arguments, ToolName, "title"));
        var givenRunId = ToolArguments.GetOptionalString(arguments, ToolName, "run_id");
        var runId = string.IsNullOrWhiteSpace(givenRunId) ? invocation.RunId : givenRunId.Split('\n')[0].Trim();
        ToolArguments.ResolveRepository(_workspaces, ToolName, repo);

        WorkspacePatch[] patches = string.IsNullOrWhiteSpace(patch) ? [] : [new WorkspacePatch("patch", patch)];
        var workspace = await _workspaces.MaterializeAsync(
            invocation.RunId, invocation.NodeId, invocation.Attempt, repo, patches, cancellationToken);
        if (workspace.Failure is { } failure)
        {
            var failed = new JsonObject { ["workspace"] = workspace.Path, ["error"] = failure.ToString() };
            return new ToolResult(false, failed, failure.ToString());
        }

        var date = _time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var entry = $"{title} (run {runId}, {date})";
        var path = Path.Combine(workspace.Path, ChangelogFile);
        var current = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : string.Empty;
        await File.WriteAllTextAsync(path, ChangelogEditor.AddEntry(current, entry), cancellationToken);
        var commit = await _workspaces.CommitAllAsync(workspace.Path, $"release: {title} (run {runId})", cancellationToken);
        var files = await _workspaces.ChangedFilesAsync(workspace.Path, workspace.BaseCommit, commit, cancellationToken);
        _logger.ChangelogCommitted(commit, workspace.Path);

        var output = new JsonObject
        {
            ["workspace"] = workspace.Path,
            ["commit"] = commit,
            ["base_commit"] = workspace.BaseCommit,
            ["entry"] = entry,
            ["files_changed"] = new JsonArray([.. files.Select(f => (JsonNode)f)]),
        };
        return new ToolResult(true, output);
    }

    private static string OneLine(string? text)
    {
        var line = (text ?? string.Empty).Split('\n')[0].Trim();
        if (line.Length == 0)
        {
            return "Automated change";
        }

        return line.Length <= MaxTitleChars ? line : line[..MaxTitleChars];
    }
}
