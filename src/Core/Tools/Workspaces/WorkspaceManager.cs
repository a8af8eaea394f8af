using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tools.Workspaces;

/// <summary>
/// Builds a fresh, reproducible working copy of a repository for one (run, node, attempt): the repository folder is
/// copied, committed as "base" in a new git repository, and each patch is checked, applied and committed. Running the
/// same (run, node, attempt) again deletes and rebuilds the copy, so retries are idempotent; the source is never modified.
/// </summary>
public sealed partial class WorkspaceManager
{
    private readonly GitClient _git;
    private readonly WorkspaceOptions _options;
    private readonly ILogger<WorkspaceManager> _logger;

    /// <summary>Creates the manager.</summary>
    /// <param name="git">Runs git with an isolated configuration.</param>
    /// <param name="options">The work root, the repositories root and the excluded folder names.</param>
    /// <param name="logger">Logs materializations and rejected patches.</param>
    public WorkspaceManager(GitClient git, IOptions<WorkspaceOptions> options, ILogger<WorkspaceManager> logger)
    {
        ArgumentNullException.ThrowIfNull(git);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _git = git;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Gets the absolute work root.</summary>
    public string WorkRoot => Path.GetFullPath(_options.WorkRoot);

    /// <summary>Gets the absolute repositories root (the current directory when not configured).</summary>
    public string RepositoriesRoot => Path.GetFullPath(string.IsNullOrWhiteSpace(_options.RepositoriesRoot) ? "." : _options.RepositoriesRoot);

    /// <summary>Resolves a repository named relative to <see cref="WorkspaceOptions.RepositoriesRoot"/> (or absolute inside it).</summary>
    /// <param name="repository">Such as <c>examples/sample-repo</c>.</param>
    /// <returns>The absolute path of the repository folder.</returns>
    /// <exception cref="ArgumentException">The name is empty or resolves outside the repositories root.</exception>
    /// <exception cref="DirectoryNotFoundException">No such folder exists.</exception>
    public string ResolveRepository(string repository)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        var root = RepositoriesRoot;
        var path = Path.GetFullPath(Path.Combine(root, repository));
        if (!DirectoryCopier.IsInside(path, root))
        {
            throw new ArgumentException(
                $"Repository '{repository}' resolves to '{path}', which is outside the repositories root '{root}' " +
                $"({WorkspaceOptions.SectionName}:RepositoriesRoot). Name a folder inside it, without '..' or an absolute path elsewhere.",
                nameof(repository));
        }

        return Directory.Exists(path)
            ? path
            : throw new DirectoryNotFoundException($"Repository '{repository}' does not exist (looked for '{path}').");
    }

    /// <summary>Gets the working copy path of one attempt of a node: <c>&lt;WorkRoot&gt;/&lt;runId&gt;/&lt;nodeId&gt;-a&lt;attempt&gt;</c>.</summary>
    /// <param name="runId">The run id (one path segment).</param>
    /// <param name="nodeId">The node id (one path segment).</param>
    /// <param name="attempt">The 1-based attempt number.</param>
    /// <returns>The absolute path (not created).</returns>
    /// <exception cref="ArgumentException">An id is empty, contains a path separator or is <c>.</c>/<c>..</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempt"/> is less than 1.</exception>
    public string GetWorkspacePath(string runId, string nodeId, int attempt)
    {
        ValidateSegment(runId, nameof(runId));
        ValidateSegment(nodeId, nameof(nodeId));
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        return Path.Combine(WorkRoot, runId, string.Create(CultureInfo.InvariantCulture, $"{nodeId}-a{attempt}"));
    }

    /// <summary>Builds a fresh working copy of a repository with patches applied, one commit each.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="nodeId">The node id (a tool that needs several copies appends a suffix, such as <c>select.c1</c>).</param>
    /// <param name="attempt">The 1-based attempt number.</param>
    /// <param name="repository">The repository, relative to the repositories root.</param>
    /// <param name="patches">The patches to apply in order; none gives a copy of the repository as it is.</param>
    /// <param name="cancellationToken">Stops git and throws when cancelled.</param>
    /// <returns>
    /// The working copy. When a patch does not apply, <see cref="MaterializedWorkspace.Failure"/> names it with git's
    /// error and the copy holds the patches before it.
    /// </returns>
    /// <exception cref="ArgumentException">An id is invalid, a patch is empty, or the repository is outside the root.</exception>
    /// <exception cref="DirectoryNotFoundException">The repository does not exist.</exception>
    /// <exception cref="GitCommandException">git init, add or commit failed (for example git is missing).</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public async Task<MaterializedWorkspace> MaterializeAsync(
        string runId,
        string nodeId,
        int attempt,
        string repository,
        IReadOnlyList<WorkspacePatch> patches,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patches);
        var workspace = GetWorkspacePath(runId, nodeId, attempt);
        var source = ResolveRepository(repository);
        foreach (var patch in patches)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(patch.Name, nameof(patches));
            if (string.IsNullOrWhiteSpace(patch.Diff))
            {
                throw new ArgumentException($"Patch '{patch.Name}' is empty.", nameof(patches));
            }
        }

        DirectoryCopier.DeleteIfExists(workspace);
        DirectoryCopier.Copy(source, workspace, [.. _options.ExcludedDirectories], WorkRoot);
        await _git.RunCheckedAsync(workspace, ["init", "-q"], cancellationToken: cancellationToken);
        var baseCommit = await CommitAllAsync(workspace, "base", cancellationToken);

        var commits = new List<string>();
        for (var index = 0; index < patches.Count; index++)
        {
            var failure = await ApplyAsync(workspace, index, patches[index], cancellationToken);
            if (failure is not null)
            {
                _logger.PatchRejected(failure.PatchName, repository, failure.Error);
                return new MaterializedWorkspace(workspace, baseCommit, commits, failure);
            }

            commits.Add(await CommitAllAsync(workspace, $"patch: {patches[index].Name}", cancellationToken));
        }

        _logger.WorkspaceMaterialized(repository, workspace, commits.Count);
        return new MaterializedWorkspace(workspace, baseCommit, commits, Failure: null);
    }

    private static void ValidateSegment(string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        if (value is "." or ".." || value.IndexOfAny(['/', '\\']) >= 0 || value.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"'{value}' cannot be used as a folder name: it must be one path segment.", parameterName);
        }
    }
}
