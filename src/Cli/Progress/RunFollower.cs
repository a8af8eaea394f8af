using System.Text.Json.Nodes;
using AgentFunctions.Cli.Api;

namespace AgentFunctions.Cli.Progress;

/// <summary>Follows a run by polling <c>GET /api/runs/{id}</c>, showing each answer on a progress display, until it ends,
/// waits for approval (unless asked to wait through approvals) or the timeout runs out.</summary>
/// <param name="api">The API.</param>
public sealed class RunFollower(ApiClient api)
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(500);

    /// <summary>Follows the run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="progress">The display.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="throughApprovals">True to keep waiting while the run waits for approval; false to return then.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The last run document: ended, awaiting approval, or still going when the timeout ran out.</returns>
    /// <exception cref="ApiProblemException">The API refused to show the run.</exception>
    public async Task<JsonObject> FollowAsync(string runId, IRunProgress progress, TimeSpan timeout, bool throughApprovals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(progress);
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var run = (await api.GetAsync($"api/runs/{Uri.EscapeDataString(runId)}", cancellationToken)).AsObject();
            await progress.ShowAsync(run);
            var status = run["status"]?.ToString();
            if (status is "succeeded" or "failed" or "cancelled" || (status == "awaiting_approval" && !throughApprovals) || DateTimeOffset.UtcNow >= deadline)
            {
                return run;
            }

            await Task.Delay(s_poll, cancellationToken);
        }
    }
}
