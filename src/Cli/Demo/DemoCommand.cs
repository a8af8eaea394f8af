using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Local;
using AgentFunctions.Cli.Progress;
using Spectre.Console;

namespace AgentFunctions.Cli.Demo;

/// <summary>
/// <c>agentfn demo</c>: starts Azurite and the Functions app (standalone), submits the git-to-prod graph over HTTP,
/// prints the run's progress, and ends with the status, the chosen patch, the test output, the cost and the working copy.
/// Stops exactly the processes it started. The run's per-node progress is shown as <c>agentfn run --wait</c> shows it: a live
/// table when given a terminal console, else one line per node status change.
/// </summary>
/// <param name="output">Where the demo's lines go (on a terminal: a writer through <paramref name="terminal"/>).</param>
/// <param name="terminal">The interactive console for the live progress table, or null for plain lines.</param>
public sealed class DemoCommand(TextWriter output, IAnsiConsole? terminal = null)
{
    /// <summary>The task hub of host.json.</summary>
    public const string TaskHub = "AgentFunctions";

    /// <summary>Runs the demo.</summary>
    /// <param name="options">Demo options.</param>
    /// <param name="cancellationToken">Cancels the demo (processes are still stopped).</param>
    /// <returns>0 when the run succeeded, 1 otherwise.</returns>
    public async Task<int> RunAsync(DemoOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = RepositoryLayout.FindRoot();
        var work = Path.Combine(root, ".work", "demo");
        Directory.CreateDirectory(work);
        var appLog = Path.Combine(work, "app.log");
        File.Delete(appLog);

        var steps = options.Loop ? 6 : 5;
        await output.WriteLineAsync($"[1/{steps}] Starting Azurite (Azure Storage emulator) on free 127.0.0.1 ports …");
        await using var azurite = await AzuriteProcess.StartAsync(root, cancellationToken);
        await output.WriteLineAsync($"      queues :{azurite.QueuePort}  tables :{azurite.TablePort}  blobs :{azurite.BlobPort}  (pid {azurite.ProcessId})");

        await output.WriteLineAsync($"[2/{steps}] Starting the Functions app's standalone host (the same functions; the orchestrator runs on the Durable Task Framework's Azure Storage backend, task hub '{TaskHub}') …");
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["AgentFunctions__ContentRoot"] = root,
            ["Tools__Workspace__WorkRoot"] = Path.Combine(work, "runs"),
            ["Models__Recorded__ReplayDelay"] = options.ReplayDelay.ToString("c", CultureInfo.InvariantCulture),
        };
        await using var app = await AppProcess.StartAsync(RepositoryLayout.FunctionsAssembly(root, options.Configuration), root, environment, logFile: appLog, cancellationToken: cancellationToken);
        await output.WriteLineAsync($"      {app.BaseAddress} (pid {app.ProcessId}); app log: {Path.GetRelativePath(root, appLog)}");

        using var http = app.CreateClient();
        var health = await http.GetFromJsonAsync<JsonObject>(new Uri("api/health", UriKind.Relative), cancellationToken);
        var live = health?["liveModel"]?.GetValue<bool>() == true;
        await output.WriteLineAsync(live
            ? "      Models: a live model is configured (Models__OpenAI__*); model nodes call it."
            : "      Models: no live model configured — model nodes REPLAY RECORDED responses from examples/recordings (labelled 'recorded').");

        if (options.Loop)
        {
            var active = await new LoopDemo(http, output).RunAsync(cancellationToken);
            await KeepRunningAsync(options, app, cancellationToken);
            await output.WriteLineAsync($"Stopping the app (pid {app.ProcessId}) and Azurite (pid {azurite.ProcessId}).");
            return active ? 0 : 1;
        }

        await output.WriteLineAsync($"[3/5] POST /api/runs {{\"graph\": \"{options.Graph}\"}}");
        using var response = await http.PostAsJsonAsync(new Uri("api/runs", UriKind.Relative), new { graph = options.Graph }, cancellationToken);
        var accepted = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await output.WriteLineAsync($"      {(int)response.StatusCode}: {accepted}");
            return 1;
        }

        var runId = accepted!["runId"]!.GetValue<string>();
        await output.WriteLineAsync($"      {(int)response.StatusCode} {response.StatusCode}: run {runId} is {accepted["status"]}");

        await output.WriteLineAsync("[4/5] Following the run (GET /api/runs/{id} and /events):");
        var peek = new TaskHubPeek(azurite.ConnectionString, TaskHub);
        var (run, statuses) = await RunProgressDisplay.RunAsync(terminal, output, progress => new RunWatcher(http, output).WatchAsync(runId, options.Timeout,
            async ct => await output.WriteLineAsync($"      task hub while it runs: {await peek.DescribeAsync(runId, ct)}"), progress, cancellationToken), showRunStatus: false);

        await output.WriteLineAsync("[5/5] Result");
        await new DemoReport(output).WriteAsync(run, statuses, root);
        await output.WriteLineAsync($"  task hub:      {await peek.DescribeAsync(runId, cancellationToken)}");
        await KeepRunningAsync(options, app, cancellationToken, runId);
        await output.WriteLineAsync($"Stopping the app (pid {app.ProcessId}) and Azurite (pid {azurite.ProcessId}).");
        return run["status"]!.GetValue<string>() == "succeeded" ? 0 : 1;
    }

    /// <summary>With <see cref="DemoOptions.KeepRunning"/>: says where the dashboard is and how to point the CLI at the app, then waits for Ctrl+C.</summary>
    private async Task KeepRunningAsync(DemoOptions options, AppProcess app, CancellationToken cancellationToken, string? runId = null)
    {
        if (!options.KeepRunning)
        {
            return;
        }

        var cli = $"dotnet {Path.Combine("src", "Cli", "bin", options.Configuration, "net10.0", "agentfn.dll")}";
        await output.WriteLineAsync();
        await output.WriteLineAsync($"The app keeps running. Dashboard: {app.BaseAddress}api/dashboard/{(runId is null ? string.Empty : $"#/runs/{runId}")}");
        await output.WriteLineAsync($"  API key (this process's bootstrap admin key; paste it into the dashboard): {app.AdminKey}");
        await output.WriteLineAsync($"  CLI: export AGENTFN_URL={app.BaseAddress} AGENTFN_API_KEY={app.AdminKey}");
        await output.WriteLineAsync($"       {cli} runs");
        await output.WriteLineAsync($"       {cli} run {options.Graph} --wait");
        await output.WriteLineAsync("Press Ctrl+C to stop the app and Azurite.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: stop both (the caller disposes them)
        }
    }
}
