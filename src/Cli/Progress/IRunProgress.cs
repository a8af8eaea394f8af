using System.Text.Json.Nodes;

namespace AgentFunctions.Cli.Progress;

/// <summary>Shows a run's per-node progress: a live table on a terminal (<see cref="LiveRunProgress"/>), one line per node
/// status change otherwise (<see cref="PlainRunProgress"/>).</summary>
public interface IRunProgress
{
    /// <summary>Shows the run as <c>GET /api/runs/{id}</c> last returned it.</summary>
    /// <param name="run">The run document.</param>
    /// <returns>A task that completes when shown.</returns>
    Task ShowAsync(JsonObject run);
}
