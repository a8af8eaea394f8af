using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Tools.Testing;
using AgentFunctions.Core.Tools.Workspaces;
using Microsoft.Extensions.Logging;

namespace AgentFunctions.Core.Tools.Patches;

/// <summary>
/// <c>patch.select</c>: the fan-in of competing or complementary patches. Each candidate with a patch is applied alone to
/// a fresh copy of <c>repo</c> and tested; when more than one applies, all that apply are also tried together. The best
/// passing trial wins: tests pass, then most tests run, then fewest candidates.
/// </summary>
/// <remarks>
/// Arguments: <c>repo</c> (required), <c>candidates</c> (required object: name → the candidate node's output, an object
/// with a <c>patch</c> string that may be empty and a <c>summary</c>; a bare string is taken as the patch),
/// <c>test_command</c> (string or array; default <see cref="TestRunOptions.DefaultCommand"/>).
/// Output: <c>{selected: [names], patch, workspace, tests_run, candidates: [{name, applied, error?, tests_passed,
/// tests_run, failures, errors, summary, outcome}], combined?: {names, applied, error?, tests_passed, tests_run,
/// failures, errors}, reason}</c>, where <c>patch</c> is <c>git diff</c> from the base to the winning copy (one
/// diff even for several candidates). Fails when no trial passes, with each candidate's outcome in the reason.
/// A <c>test_command</c> whose program is not on <c>Tools:Sandbox:AllowedCommands</c> is refused (a
/// <see cref="ToolArgumentException"/>) before any working copy is made.
/// </remarks>
public sealed partial class PatchSelectTool : ITool
{
    /// <summary>The tool name graphs use.</summary>
    public const string ToolName = "patch.select";

    private readonly WorkspaceManager _workspaces;
    private readonly TestSuiteRunner _tests;
    private readonly ILogger<PatchSelectTool> _logger;

    /// <summary>Creates the tool.</summary>
    /// <param name="workspaces">Builds a working copy per trial.</param>
    /// <param name="tests">Runs the tests of each trial.</param>
    /// <param name="logger">Logs the selection.</param>
    public PatchSelectTool(WorkspaceManager workspaces, TestSuiteRunner tests, ILogger<PatchSelectTool> logger)
    {
        ArgumentNullException.ThrowIfNull(workspaces);
        ArgumentNullException.ThrowIfNull(tests);
        ArgumentNullException.ThrowIfNull(logger);
        _workspaces = workspaces;
        _tests = tests;
        _logger = logger;
    }

    /// <inheritdoc/>
    public string Name => ToolName;

    /// <inheritdoc/>
    public string Description => "Tests each candidate patch (and all that apply, together) on a fresh copy and selects the best passing one.";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredArguments { get; } = ["repo", "candidates"];

    /// <inheritdoc/>
    public IReadOnlyList<string> KnownArguments { get; } = ["repo", "candidates", "test_command"];

    /// <inheritdoc/>
    public async Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var arguments = invocation.Arguments;
        var repo = ToolArguments.GetRequiredString(arguments, ToolName, "repo");
        var candidates = ReadCandidates(ToolArguments.GetRequiredObject(arguments, ToolName, "candidates"));
        var command = ToolArguments.GetOptionalCommand(arguments, ToolName, "test_command");
        if (_tests.Refusal(command) is { } refusal)
        {
            throw new ToolArgumentException(ToolName, "test_command", refusal);
        }

        ToolArguments.ResolveRepository(_workspaces, ToolName, repo);

        var single = new Dictionary<string, PatchTrial>(StringComparer.Ordinal);
        for (var index = 0; index < candidates.Count; index++)
        {
            if (candidates[index].ProposesChange)
            {
                single[candidates[index].Name] = await TryAsync(invocation, repo, $"c{index + 1}", [candidates[index]], command, cancellationToken);
            }
        }

        var applying = candidates.Where(c => single.TryGetValue(c.Name, out var t) && t.Applied).ToList();
        var combined = applying.Count > 1 ? await TryAsync(invocation, repo, "all", applying, command, cancellationToken) : null;

        var best = single.Values.Append(combined).OfType<PatchTrial>()
            .Where(t => t.Passed)
            .OrderByDescending(t => t.Report!.Counts.TestsRun)
            .ThenBy(t => t.Names.Count)
            .FirstOrDefault();
        var output = Describe(candidates, single, combined);
        if (best is null)
        {
            var reason = "No candidate passed the tests. " + Outcomes(candidates, single, combined);
            output["selected"] = new JsonArray();
            output["patch"] = string.Empty;
            output["reason"] = reason;
            _logger.PatchSelected(invocation.RunId, invocation.NodeId, reason);
            return new ToolResult(false, output, reason);
        }

        var selectedReason = $"Selected {best.Label}: {best.Outcome}, the best of {single.Count + (combined is null ? 0 : 1)} trial(s). " +
            Outcomes(candidates, single, combined);
        output["selected"] = new JsonArray([.. best.Names.Select(n => (JsonNode)n)]);
        output["patch"] = await _workspaces.DiffAsync(best.Workspace.Path, best.Workspace.BaseCommit, best.Workspace.HeadCommit, cancellationToken);
        output["workspace"] = best.Workspace.Path;
        output["tests_run"] = best.Report!.Counts.TestsRun;
        output["reason"] = selectedReason;
        _logger.PatchSelected(invocation.RunId, invocation.NodeId, selectedReason);
        return new ToolResult(true, output);
    }

    private async Task<PatchTrial> TryAsync(
        ToolInvocation invocation,
        string repo,
        string suffix,
        IReadOnlyList<PatchCandidate> candidates,
        IReadOnlyList<string>? command,
        CancellationToken cancellationToken)
    {
        var patches = candidates.Select(c => new WorkspacePatch(c.Name, c.Patch)).ToList();
        var workspace = await _workspaces.MaterializeAsync(
            invocation.RunId, $"{invocation.NodeId}.{suffix}", invocation.Attempt, repo, patches, cancellationToken);
        var report = workspace.Succeeded ? await _tests.RunAsync(workspace.Path, command, cancellationToken) : null;
        return new PatchTrial([.. candidates.Select(c => c.Name)], workspace, report);
    }

    private static List<PatchCandidate> ReadCandidates(JsonObject candidates)
    {
        var result = new List<PatchCandidate>();
        foreach (var (name, value) in candidates)
        {
            result.Add(value switch
            {
                null => new PatchCandidate(name, string.Empty, null),
                JsonValue text when text.GetValueKind() == JsonValueKind.String => new PatchCandidate(name, text.GetValue<string>(), null),
                JsonObject output => new PatchCandidate(name, StringOrEmpty(output, name, "patch"), StringOrNull(output, name, "summary")),
                _ => throw new ToolArgumentException(ToolName, "candidates", $"candidate '{name}' must be an object with a 'patch' string."),
            });
        }

        return result.Count > 0 ? result : throw new ToolArgumentException(ToolName, "candidates", "must name at least one candidate.");
    }

    private static string StringOrEmpty(JsonObject output, string name, string property) => StringOrNull(output, name, property) ?? string.Empty;

    private static string? StringOrNull(JsonObject output, string name, string property) => output[property] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => null,
        _ => throw new ToolArgumentException(ToolName, "candidates", $"candidate '{name}': '{property}' must be a string."),
    };
}
