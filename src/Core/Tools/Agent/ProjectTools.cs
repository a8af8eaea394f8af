using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Models.ToolCalling;
using AgentFunctions.Core.Skills.Schemas;
using AgentFunctions.Core.Tools.Workspaces;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.FileSystemGlobbing;

namespace AgentFunctions.Core.Tools.Agent;

/// <summary>
/// The project's own tools as functions a model may call (<see cref="AgentToolNames.Project"/>), made with
/// <c>AIFunctionFactory</c> for one node attempt: <c>list_files</c> and <c>read_file</c> read the node's repository as it is
/// (read only, paths confined to it, at most <see cref="MaxListedFiles"/> names and <see cref="MaxFileChars"/> characters);
/// <c>check_patch</c> applies a unified diff to a fresh working copy; <c>run_tests</c> runs the graph tool <c>tests.run</c> on a
/// fresh working copy with the patch applied; <c>security_scan</c> runs <c>security.scan</c> on a patch. Every working copy is
/// new (<c>&lt;node&gt;.t&lt;n&gt;</c>), so calls are idempotent and a retried conversation finds the repository unchanged.
/// </summary>
public sealed class ProjectTools(ToolRegistry registry, WorkspaceManager workspaces)
{
    /// <summary>The most file names <c>list_files</c> returns.</summary>
    public const int MaxListedFiles = 500;

    /// <summary>The most characters <c>read_file</c> returns (the rest is cut with a note).</summary>
    public const int MaxFileChars = 40_000;

    /// <summary>Creates the named project tools for one node attempt.</summary>
    /// <param name="context">Where they act.</param>
    /// <param name="names">Names from <see cref="AgentToolNames.Project"/>.</param>
    /// <returns>The tools, by the name the model sees.</returns>
    /// <exception cref="ArgumentException">A name is not a project tool.</exception>
    public IReadOnlyList<NodeTool> Create(AgentToolContext context, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(names);
        var counter = 0;
        string NextCopy() => string.Create(CultureInfo.InvariantCulture, $"{context.NodeId}.t{Interlocked.Increment(ref counter)}");
        return [.. names.Select(AgentToolNames.Canonical).Distinct(StringComparer.Ordinal).Select(name => Tool(name switch
        {
            AgentToolNames.ListFiles => AIFunctionFactory.Create(
                ([Description("A glob relative to the repository root, such as **/*.py; default: every file")] string? pattern = null) => ListFiles(context, pattern),
                name, "Lists the files of the repository (relative paths, one per line)."),
            AgentToolNames.ReadFile => AIFunctionFactory.Create(
                ([Description("The file's path relative to the repository root, as list_files prints it")] string path, CancellationToken ct) => ReadFileAsync(context, path, ct),
                name, "Reads one file of the repository and returns its text."),
            AgentToolNames.CheckPatch => AIFunctionFactory.Create(
                ([Description("A unified diff (git diff format) against the repository")] string patch, CancellationToken ct) => CheckPatchAsync(context, NextCopy(), patch, ct),
                name, "Checks that a unified diff applies to the repository with git apply; says which hunk fails otherwise."),
            AgentToolNames.RunTests => AIFunctionFactory.Create(
                ([Description("A unified diff to apply before the tests run; empty to test the repository as it is")] string? patch = null, CancellationToken ct = default) =>
                    RunGraphToolAsync(context, NextCopy(), "tests.run", new JsonObject { ["repo"] = context.Repository, ["patch"] = patch ?? string.Empty, ["command"] = context.TestCommand }, ct),
                name, "Applies a patch to a fresh copy of the repository and runs its tests; returns whether they passed, the counts and the output's tail."),
            AgentToolNames.SecurityScan => AIFunctionFactory.Create(
                ([Description("The unified diff to scan")] string patch, CancellationToken ct) =>
                    RunGraphToolAsync(context, NextCopy(), "security.scan", new JsonObject { ["patch"] = patch }, ct),
                name, "Scans the lines a patch adds for secrets and dangerous calls (eval, shell=True, ...); returns the findings."),
            _ => throw new ArgumentException($"'{name}' is not a project tool; known: {string.Join(", ", AgentToolNames.Project)}.", nameof(names)),
        }))];
    }

    private static NodeTool Tool(AIFunction function) =>
        new(function, "project", JsonSchema.Parse(JsonNode.Parse(function.JsonSchema.GetRawText())).Schema);

    private string Repository(AgentToolContext context) => context.Repository is { } repository
        ? workspaces.ResolveRepository(repository)
        : throw new InvalidOperationException("this node has no repository (set context.repo or a repo input on the node)");

    private string ListFiles(AgentToolContext context, string? pattern)
    {
        var root = Repository(context);
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(string.IsNullOrWhiteSpace(pattern) ? "**/*" : pattern);
        matcher.AddExcludePatterns([".git/**", "**/__pycache__/**", "**/node_modules/**", "**/.venv/**"]);
        var files = matcher.GetResultsInFullPath(root).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        var shown = files.Take(MaxListedFiles);
        return files.Count == 0 ? $"no file matches '{pattern}'"
            : string.Join('\n', shown) + (files.Count > MaxListedFiles ? $"\n… {files.Count - MaxListedFiles} more not shown; narrow the pattern" : string.Empty);
    }

    private async Task<string> ReadFileAsync(AgentToolContext context, string path, CancellationToken cancellationToken)
    {
        var root = Repository(context);
        var full = Path.GetFullPath(Path.Combine(root, path));
        if (!DirectoryCopier.IsInside(full, root) || full == root || full.Split(Path.DirectorySeparatorChar).Contains(".git"))
        {
            throw new ArgumentException($"'{path}' is outside the repository; give a path relative to its root");
        }

        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"the repository has no file '{path}' (list_files shows which it has)");
        }

        var text = await File.ReadAllTextAsync(full, cancellationToken);
        return text.Length <= MaxFileChars ? text : $"{text[..MaxFileChars]}\n… cut at {MaxFileChars} of {text.Length} characters";
    }

    private async Task<string> CheckPatchAsync(AgentToolContext context, string copy, string patch, CancellationToken cancellationToken)
    {
        if (context.Repository is null)
        {
            Repository(context);
        }

        if (string.IsNullOrWhiteSpace(patch))
        {
            return "the patch is empty: nothing to apply";
        }

        var workspace = await workspaces.MaterializeAsync(context.RunId, copy, context.Attempt, context.Repository!, [new WorkspacePatch("patch", patch)], cancellationToken);
        return workspace.Failure is { } failure ? $"does not apply: {failure}" : "applies cleanly";
    }

    private async Task<string> RunGraphToolAsync(AgentToolContext context, string copy, string tool, JsonObject arguments, CancellationToken cancellationToken)
    {
        if (arguments.ContainsKey("repo") && context.Repository is null)
        {
            Repository(context);
        }

        foreach (var key in arguments.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList())
        {
            arguments.Remove(key);
        }

        var result = await registry.Get(tool).ExecuteAsync(new ToolInvocation(context.RunId, copy, context.Attempt, arguments), cancellationToken);
        var output = result.Output.DeepClone().AsObject();
        output.Remove("workspace");
        if (result.Error is { } error)
        {
            output["error"] = error;
        }

        return output.ToJsonString();
    }
}
