using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>Cancellation and human approvals on the real app: what GET /api/runs/{id} tells a user afterwards.</summary>
public sealed class RunControlTests : IAsyncLifetime
{
    private AppHarness? _app;

    public async Task InitializeAsync() => _app = await AppHarness.StartAsync(new Dictionary<string, string> { ["Orchestration__CancellationCheckInterval"] = "00:00:00.500" });

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<JsonObject> WaitForStatusAsync(string runId, params string[] statuses)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await _app!.GetRunAsync(runId);
            if (statuses.Contains(run["status"]!.GetValue<string>()))
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Run {runId} never reached {string.Join("/", statuses)}: {run}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Cancel_RunningRun_StopsTheRunningNodeAndTheRunSaysWhoAndWhy()
    {
        var yaml = "name: slow\nnodes:\n  long:\n    tool: shell\n    with: { command: 'sleep 30', timeout: 60 }\n  after:\n    tool: shell\n    needs: long\n    with: { command: 'true' }\n";
        var runId = await _app!.SubmitAsync(new { graphYaml = yaml });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (GitToProdDemoTests.Nodes(await _app.GetRunAsync(runId))["long"]["status"]!.GetValue<string>() != "running")
        {
            Assert.True(DateTime.UtcNow < deadline, "the long node never started");
            await Task.Delay(100);
        }

        using var cancel = await _app.Http.PostAsJsonAsync($"api/runs/{runId}/cancel", new { by = "tester", reason = "wrong repository" });
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var run = await WaitForStatusAsync(runId, "cancelled");
        var stopped = DateTime.UtcNow.AddSeconds(20);
        JsonObject nodes;
        while ((nodes = GitToProdDemoTests.Nodes(await _app.GetRunAsync(runId))["long"])["status"]!.GetValue<string>() != "cancelled")
        {
            Assert.True(DateTime.UtcNow < stopped, "the running node was not stopped:\n" + _app.App.Output[^Math.Min(6000, _app.App.Output.Length)..]);
            await Task.Delay(100);
        }

        Assert.Equal("Cancelled by tester: wrong repository.", run["error"]!.GetValue<string>());
        Assert.StartsWith("Cancelled by tester: wrong repository. Nodes: ", run["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Stopped: the run was cancelled", nodes["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(nodes["durationMs"]!.GetValue<long>() < 15_000, "the sleep should have been killed long before it ended");
        Assert.Equal("cancelled", GitToProdDemoTests.Nodes(await _app.GetRunAsync(runId))["after"]["status"]!.GetValue<string>());
        using var again = await _app.Http.PostAsJsonAsync($"api/runs/{runId}/cancel", new { });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task ApprovalRequired_SurvivesARestart_AndTheApprovedRunShowsWhoApproved()
    {
        var yaml = "name: gated\nnodes:\n  build:\n    tool: shell\n    with: { command: 'echo built' }\n  deploy:\n    tool: shell\n    needs: build\n    approval: required\n    with: { command: 'echo deployed' }\n";
        var runId = await _app!.SubmitAsync(new { graphYaml = yaml });
        var waiting = await WaitForStatusAsync(runId, "awaiting_approval");
        Assert.Equal("deploy", waiting["pendingApprovals"]![0]!["node"]!.GetValue<string>());

        await _app.KillAppAsync();
        await _app.StartAppAsync();
        Assert.Equal("awaiting_approval", (await _app.GetRunAsync(runId))["status"]!.GetValue<string>());

        using var approve = await _app.Http.PostAsJsonAsync($"api/runs/{runId}/approvals", new { approved = true, by = "ops", comment = "ship it" });
        Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        var (run, _) = await _app.WaitForEndAsync(runId, TimeSpan.FromSeconds(60));

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        var approval = GitToProdDemoTests.Nodes(run)["deploy"]["approval"]!;
        Assert.Equal(("approved", "policy", "ops", "ship it"), (approval["decision"]!.GetValue<string>(), approval["kind"]!.GetValue<string>(), approval["by"]!.GetValue<string>(), approval["comment"]!.GetValue<string>()));
        Assert.Equal("Succeeded. Node 'deploy' was approved by ops (\"ship it\"). Nodes: 2 succeeded.", run["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApprovalRejected_FailsTheRunWithWhoAndWhy()
    {
        var yaml = "name: gated-reject\nnodes:\n  deploy:\n    tool: shell\n    approval: required\n    with: { command: 'echo deployed' }\n";
        var runId = await _app!.SubmitAsync(new { graphYaml = yaml });
        await WaitForStatusAsync(runId, "awaiting_approval");

        // A decision without 'approved' is refused with a problem naming the field, and the approval is still pending.
        using var invalid = await _app.Http.PostAsJsonAsync($"api/runs/{runId}/approvals", new { by = "ops" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = JsonNode.Parse(await invalid.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid-approval", problem["code"]!.GetValue<string>());
        Assert.Contains("'approved' is required", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("awaiting_approval", (await _app.GetRunAsync(runId))["status"]!.GetValue<string>());

        using var reject = await _app.Http.PostAsJsonAsync($"api/runs/{runId}/approvals", new { approved = false, by = "ops", comment = "freeze week" });
        Assert.Equal(HttpStatusCode.Accepted, reject.StatusCode);
        var (run, _) = await _app.WaitForEndAsync(runId, TimeSpan.FromSeconds(60));

        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Contains("rejected by ops: freeze week", run["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Node 'deploy' was rejected by ops (\"freeze week\").", run["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("rejected", GitToProdDemoTests.Nodes(run)["deploy"]["approval"]!["decision"]!.GetValue<string>());

        // Deciding again, or cancelling the ended run, is a 409 problem that says why; the run is unchanged.
        using var again = await _app.Http.PostAsJsonAsync($"api/runs/{runId}/approvals", new { approved = true });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("no-pending-approval", JsonNode.Parse(await again.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
        using var cancel = await _app.Http.PostAsJsonAsync($"api/runs/{runId}/cancel", new { });
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Contains("is failed", JsonNode.Parse(await cancel.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("failed", (await _app.GetRunAsync(runId))["status"]!.GetValue<string>());
    }
}
