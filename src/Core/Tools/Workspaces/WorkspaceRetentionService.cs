using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tools.Workspaces;

/// <summary>
/// Deletes tool working copies that are no longer used: every run folder (<c>&lt;WorkRoot&gt;/&lt;runId&gt;</c>) whose
/// newest write (of the folder or anything in it) is older than <see cref="WorkspaceOptions.Retention"/>. It sweeps
/// when the host starts and then every hour (every <see cref="WorkspaceOptions.Retention"/> when that is shorter);
/// a retention of zero or less turns it off. Only direct subfolders of the work root that look like run folders (they
/// hold nothing but <c>&lt;node&gt;-a&lt;attempt&gt;</c> folders, and are neither hidden nor symbolic links) are
/// deleted, and nothing outside the work root, so a work root set by mistake to a folder with other content loses
/// nothing else. Each removal is logged. Register it with <c>services.AddWorkspaceRetention()</c>.
/// </summary>
public sealed partial class WorkspaceRetentionService : BackgroundService
{
    /// <summary>The longest time between two sweeps: one hour.</summary>
    public static readonly TimeSpan MaxSweepInterval = TimeSpan.FromHours(1);

    private readonly WorkspaceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkspaceRetentionService> _logger;

    /// <summary>Creates the service.</summary>
    /// <param name="options">The work root and the retention.</param>
    /// <param name="time">The clock that ages folders and paces the sweeps.</param>
    /// <param name="logger">Logs each removal and each sweep.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public WorkspaceRetentionService(IOptions<WorkspaceOptions> options, TimeProvider time, ILogger<WorkspaceRetentionService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets the time between two sweeps: the retention, at most <see cref="MaxSweepInterval"/>.</summary>
    public TimeSpan SweepInterval => _options.Retention < MaxSweepInterval ? _options.Retention : MaxSweepInterval;

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workRoot = Path.GetFullPath(_options.WorkRoot);
        if (_options.Retention <= TimeSpan.Zero)
        {
            _logger.WorkspaceRetentionOff(_options.Retention, workRoot);
            return;
        }

        await Task.Yield(); // sweep off the host's start-up path
        using var timer = new PeriodicTimer(SweepInterval, _time);
        do
        {
            SweepQuietly(workRoot);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>Sweeps, logging rather than throwing when the work root cannot be listed: an exception would stop the host.</summary>
    private void SweepQuietly(string workRoot)
    {
        try
        {
            Sweep();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.WorkspaceRemoveFailed(workRoot, ex.Message);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
