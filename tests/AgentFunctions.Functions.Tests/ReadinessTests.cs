using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Local;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary><c>GET /api/ready</c> probes storage on every request: 200 while Azurite answers, 503 naming storage when it is
/// stopped, 200 again once it is back on the same ports.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_StorageGoesAwayAndComesBack_Answers503WithTheReasonThen200()
    {
        var ports = AzuriteProcess.FreePorts();
        var work = Directory.CreateTempSubdirectory("agentfunctions-ready-").FullName;
        var azurite = await AzuriteProcess.StartAsync(AppHarness.RepositoryRoot, ports);
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["AzureWebJobsStorage"] = AzuriteProcess.ConnectionStringFor(ports.Item1, ports.Item2, ports.Item3),
                ["AgentFunctions__ContentRoot"] = AppHarness.RepositoryRoot,
                ["Tools__Workspace__WorkRoot"] = work,
            };
            await using var app = await AppProcess.StartAsync(RepositoryLayout.FunctionsAssembly(AppHarness.RepositoryRoot), AppHarness.RepositoryRoot, environment);
            using var http = app.CreateClient();

            var (status, body) = await ReadyAsync(http);
            Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
            Assert.Equal(("ready", "ok", "started"), (body["status"]!.GetValue<string>(), body["checks"]!["storage"]!.GetValue<string>(), body["checks"]!["taskHub"]!.GetValue<string>()));

            await azurite.DisposeAsync();
            (status, body) = await ReadyAsync(http);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("failed", body["checks"]!["storage"]!.GetValue<string>());
            var problems = body["problems"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
            Assert.Contains(problems, p => p.StartsWith("storage (azurite): the Table service", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.StartsWith("storage (azurite): the Queue service", StringComparison.Ordinal));

            azurite = await AzuriteProcess.StartAsync(AppHarness.RepositoryRoot, ports);
            var deadline = DateTime.UtcNow.AddMinutes(2);
            do
            {
                (status, body) = await ReadyAsync(http);
            }
            while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline && await Delay());

            Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        }
        finally
        {
            await azurite.DisposeAsync();
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Ready_ModelOrAdminKeyIsAnUnresolvedKeyVaultReference_Answers503NamingTheSettings_WhileHealthSaysAlive()
    {
        var ports = AzuriteProcess.FreePorts();
        var work = Directory.CreateTempSubdirectory("agentfunctions-ready-kv-").FullName;
        await using var azurite = await AzuriteProcess.StartAsync(AppHarness.RepositoryRoot, ports);
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["AzureWebJobsStorage"] = AzuriteProcess.ConnectionStringFor(ports.Item1, ports.Item2, ports.Item3),
                ["AgentFunctions__ContentRoot"] = AppHarness.RepositoryRoot,
                ["Tools__Workspace__WorkRoot"] = work,
                // What App Service passes through when the secret is missing or the identity may not read it.
                ["Models__OpenAI__ApiKey"] = "@Microsoft.KeyVault(VaultName=kv-missing;SecretName=openai-api-key)",
                ["Auth__AdminKey"] = "@Microsoft.KeyVault(VaultName=kv-missing;SecretName=auth-admin-key)",
            };
            await using var app = await AppProcess.StartAsync(RepositoryLayout.FunctionsAssembly(AppHarness.RepositoryRoot), AppHarness.RepositoryRoot, environment, waitUntilHealthy: false);
            using var http = app.CreateClient();

            var deadline = DateTime.UtcNow.AddMinutes(2);
            HttpStatusCode status;
            JsonObject body;
            do
            {
                (status, body) = await ReadyAsync(http);
            }
            while ((body["checks"]!["storage"]!.GetValue<string>() != "ok" || body["checks"]!["taskHub"]!.GetValue<string>() != "started") && DateTime.UtcNow < deadline && await Delay());

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("failed", body["checks"]!["models"]!.GetValue<string>());
            Assert.Equal("failed", body["checks"]!["auth"]!.GetValue<string>());
            var problems = body["problems"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
            Assert.Equal(2, problems.Count);
            Assert.StartsWith("Models:OpenAI:ApiKey is an unresolved Key Vault reference", problems[0], StringComparison.Ordinal);
            Assert.StartsWith("Auth:AdminKey is an unresolved Key Vault reference", problems[1], StringComparison.Ordinal);
            using var health = await http.GetAsync("api/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            using var withReference = await http.GetAsync("api/skills"); // the client sends the reference's text as the key: refused
            Assert.Equal(HttpStatusCode.Unauthorized, withReference.StatusCode);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(250);
        return true;
    }

    private static async Task<(HttpStatusCode, JsonObject)> ReadyAsync(HttpClient http)
    {
        using var response = await http.GetAsync("api/ready");
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }
}
