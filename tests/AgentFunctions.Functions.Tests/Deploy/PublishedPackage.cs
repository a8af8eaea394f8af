using System.Diagnostics;
using AgentFunctions.Cli.Local;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests.Deploy;

/// <summary>
/// Runs <c>scripts/publish.sh --no-build -c &lt;this build's configuration&gt;</c> once into a temporary folder (the test command
/// builds the solution first, so the package is made from the same build the other tests use) and deletes the folder afterwards.
/// </summary>
public sealed class PublishedPackage : IAsyncLifetime
{
    private string? _root;

    /// <summary>Gets the publish folder: the package's root.</summary>
    public string Folder => Path.Combine(Root, "app");

    /// <summary>Gets the zip of the publish folder's contents.</summary>
    public string Zip => Path.Combine(Root, "agentfunctions.zip");

    /// <summary>Gets what the script printed (stdout and stderr).</summary>
    public string ScriptOutput { get; private set; } = string.Empty;

    private string Root => _root ?? throw new InvalidOperationException("Not published.");

    /// <summary>Gets the package's files, relative to its root, with '/' separators, in ordinal order.</summary>
    /// <returns>The relative paths.</returns>
    public IReadOnlyList<string> Files() => RelativeFiles(Folder, Folder);

    /// <summary>Lists the files under <paramref name="folder"/> relative to <paramref name="root"/>, leaving out Python caches.</summary>
    /// <param name="root">What the paths are relative to.</param>
    /// <param name="folder">The folder to list, recursively.</param>
    /// <returns>The relative paths with '/' separators, in ordinal order; empty when the folder does not exist.</returns>
    public static IReadOnlyList<string> RelativeFiles(string root, string folder) =>
        !Directory.Exists(folder) ? [] :
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/__pycache__/", StringComparison.Ordinal) && !f.EndsWith(".pyc", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        _root = Directory.CreateTempSubdirectory("agentfunctions-publish-").FullName;
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = AppHarness.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine("scripts", "publish.sh"), "--no-build", "-c", RepositoryLayout.CurrentConfiguration(), Folder, Zip })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("scripts/publish.sh did not finish within 5 minutes.");
        }

        ScriptOutput = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/publish.sh exited with {process.ExitCode}:\n{ScriptOutput}");
        }
    }

    /// <inheritdoc/>
    public Task DisposeAsync()
    {
        if (_root is not null)
        {
            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }
}
