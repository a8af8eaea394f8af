using AgentFunctions.Core.Tools.Workspaces;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AgentFunctions.Core.Tests.Tools;

/// <summary>
/// Old run folders under the work root are deleted, and nothing else. The fake clock runs three days ahead of the
/// file system, so every folder the test creates is old unless the test touches it to the fake "now".
/// </summary>
public sealed class WorkspaceRetentionServiceTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "agentfunctions-tests", "retention-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow.AddDays(3));

    private string WorkRoot => Path.Combine(_root, "work");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Sweep_RunFolderOlderThanRetention_IsRemovedAndRecentOneKept()
    {
        var old = RunFolder("run-old", "tester-a1");
        var recent = RunFolder("run-new", "tester-a1");
        Touch(Path.Combine(recent, "tester-a1", "file.txt"));

        var removed = Service(TimeSpan.FromDays(1)).Sweep();

        Assert.Equal([old], removed);
        Assert.False(Directory.Exists(old));
        Assert.True(Directory.Exists(recent));
    }

    [Fact]
    public void Sweep_OldFolderWithOneRecentFileDeepInside_IsKept()
    {
        var run = RunFolder("run-1", "fix-a1", "select.c2-a3");
        Directory.CreateDirectory(Path.Combine(run, "fix-a1", "src", "pkg"));
        Touch(Path.Combine(run, "fix-a1", "src", "pkg", "recent.py"));

        Assert.Empty(Service(TimeSpan.FromDays(1)).Sweep());
        Assert.True(Directory.Exists(run));
    }

    [Fact]
    public void Sweep_FoldersThatAreNotRunFolders_AreLeftAlone()
    {
        var hidden = RunFolder(".git-home", "x-a1");
        var content = Path.Combine(WorkRoot, "skills", "engineering");
        Directory.CreateDirectory(content);
        var withFile = RunFolder("run-file", "node-a1");
        File.WriteAllText(Path.Combine(withFile, "notes.txt"), "kept");
        var outside = Path.Combine(_root, "outside");
        Directory.CreateDirectory(Path.Combine(outside, "node-a1"));
        var linked = Path.Combine(WorkRoot, "run-link");
        Directory.CreateSymbolicLink(linked, outside);

        Assert.Empty(Service(TimeSpan.FromDays(1)).Sweep());
        Assert.All([hidden, content, withFile, linked, Path.Combine(outside, "node-a1")], path => Assert.True(Directory.Exists(path), path));
    }

    [Fact]
    public void Sweep_RunFolderHoldingSymbolicLink_RemovesTheLinkNotItsTarget()
    {
        var outside = Path.Combine(_root, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "precious.txt"), "keep me");
        var run = RunFolder("run-1", "node-a1");
        Directory.CreateSymbolicLink(Path.Combine(run, "node-a1", "link"), outside);

        Assert.Equal([run], Service(TimeSpan.FromDays(1)).Sweep());
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(outside, "precious.txt")));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-1.00:00:00")]
    public void Sweep_RetentionZeroOrNegative_RemovesNothing(string retention)
    {
        var run = RunFolder("run-1", "node-a1");

        Assert.Empty(Service(TimeSpan.Parse(retention, System.Globalization.CultureInfo.InvariantCulture)).Sweep());
        Assert.True(Directory.Exists(run));
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(24 * 60, 60)]
    public void SweepInterval_Retention_IsRetentionAtMostAnHour(int retentionMinutes, int expectedMinutes) =>
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), Service(TimeSpan.FromMinutes(retentionMinutes)).SweepInterval);

    [Fact]
    public async Task StartAsync_SweepsAtOnceAndAgainEachInterval()
    {
        var old = RunFolder("run-1", "node-a1");
        var current = RunFolder("run-2", "node-a1");
        Touch(Path.Combine(current, "node-a1", "file.txt")); // as new as the fake clock: kept by the first sweep
        using var service = Service(TimeSpan.FromHours(1));

        await service.StartAsync(CancellationToken.None);
        try
        {
            Assert.True(await ProcessProbe.EventuallyAsync(() => !Directory.Exists(old)), "the start-up sweep did not remove the old folder");
            Assert.True(Directory.Exists(current));

            _time.Advance(TimeSpan.FromHours(2)); // run-2 is now two hours old, past the retention

            Assert.True(await ProcessProbe.EventuallyAsync(() => !Directory.Exists(current)), "the next sweep did not come");
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    private WorkspaceRetentionService Service(TimeSpan retention) => new(
        Options.Create(new WorkspaceOptions { WorkRoot = WorkRoot, Retention = retention }),
        _time,
        NullLogger<WorkspaceRetentionService>.Instance);

    /// <summary>Creates <c>&lt;work&gt;/&lt;run&gt;/&lt;attempt&gt;/file.txt</c> for each attempt folder; returns the run folder.</summary>
    private string RunFolder(string run, params string[] attempts)
    {
        var folder = Path.Combine(WorkRoot, run);
        foreach (var attempt in attempts)
        {
            Directory.CreateDirectory(Path.Combine(folder, attempt));
            File.WriteAllText(Path.Combine(folder, attempt, "file.txt"), attempt);
        }

        return folder;
    }

    /// <summary>Writes a file stamped with the fake clock's "now".</summary>
    private void Touch(string file)
    {
        File.WriteAllText(file, "recent");
        File.SetLastWriteTimeUtc(file, _time.GetUtcNow().UtcDateTime);
    }
}
