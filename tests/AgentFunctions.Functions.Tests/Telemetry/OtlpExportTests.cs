using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Local;
using AgentFunctions.Functions.Hosting;
using AgentFunctions.TestSupport;
using Azure.Identity;

namespace AgentFunctions.Functions.Tests.Telemetry;

/// <summary>
/// The app exports to the OTLP endpoint named by the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> setting: the real app (its own
/// Azurite) runs a graph while a local OTLP/HTTP receiver collects what it sends; the run's spans (their names and the run id, as
/// UTF-8 strings in the protobuf body) and the product's metrics arrive. Also: which identity the Azure Monitor exporter uses.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task App_WithOtlpEndpoint_ExportsTheRunsSpansAndMetrics()
    {
        using var receiver = new OtlpReceiver();
        var ports = AzuriteProcess.FreePorts();
        var work = Directory.CreateTempSubdirectory("agentfunctions-otlp-").FullName;
        await using var azurite = await AzuriteProcess.StartAsync(AppHarness.RepositoryRoot, ports);
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = AzuriteProcess.ConnectionStringFor(ports.Item1, ports.Item2, ports.Item3),
            ["AgentFunctions__ContentRoot"] = AppHarness.RepositoryRoot,
            ["Tools__Workspace__WorkRoot"] = work,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "agentfunctions-otlp-test",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        };
        await using var app = await AppProcess.StartAsync(RepositoryLayout.FunctionsAssembly(AppHarness.RepositoryRoot), AppHarness.RepositoryRoot, environment);
        using var http = app.CreateClient();

        using var submitted = await http.PostAsJsonAsync("api/runs", new { graphYaml = "name: exported\nnodes:\n  first: { tool: noop }\n  second: { tool: noop, needs: first }\n" });
        var runId = (await submitted.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<string>();
        var view = await WaitForEndAsync(http, runId);
        Assert.Equal("succeeded", view["status"]!.GetValue<string>());
        var traceId = view["traceId"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{32}$", traceId);

        var spans = await receiver.WaitAsync("/v1/traces", body => body.Contains("run exported", StringComparison.Ordinal) && body.Contains("node second", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        Assert.Contains(runId, spans, StringComparison.Ordinal);
        Assert.Contains("start_run exported", spans, StringComparison.Ordinal);
        Assert.Contains("agentfunctions-otlp-test", spans, StringComparison.Ordinal);
        var metrics = await receiver.WaitAsync("/v1/metrics", body => body.Contains("agentfunctions.node.duration", StringComparison.Ordinal) && body.Contains("agentfunctions.runs", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        Assert.Contains("agentfunctions.graph", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("Authorization=Key", null)]
    [InlineData("Authorization=AAD", "system")]
    [InlineData("ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD", "user")]
    public void ManagedIdentityOf_ReadsTheAuthenticationString(string? setting, string? expected)
    {
        var credential = TelemetrySetup.ManagedIdentityOf(setting);

        Assert.Equal(expected is null, credential is null);
        if (expected is not null)
        {
            Assert.IsType<ManagedIdentityCredential>(credential);
        }
    }

    private static async Task<JsonObject> WaitForEndAsync(HttpClient http, string runId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var view = (await http.GetFromJsonAsync<JsonObject>($"api/runs/{runId}"))!;
            if (view["status"]!.GetValue<string>() is "succeeded" or "failed" or "cancelled" || DateTime.UtcNow > deadline)
            {
                return view;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>An OTLP/HTTP receiver: answers every export with 200 and an empty protobuf response, keeps each body by path.</summary>
    private sealed class OtlpReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<(string Path, string Body)> _received = new();

        public OtlpReceiver()
        {
            var port = FreePort.Next();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            Endpoint = $"http://127.0.0.1:{port}";
            _ = ServeAsync();
        }

        public string Endpoint { get; }

        public async Task<string> WaitAsync(string path, Func<string, bool> match, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                var bodies = string.Join("\n", _received.Where(r => r.Path == path).Select(r => r.Body));
                if (match(bodies))
                {
                    return bodies;
                }

                await Task.Delay(200);
            }

            throw new TimeoutException($"No OTLP export to {path} matched within {timeout}; received {_received.Count} exports to {string.Join(", ", _received.Select(r => r.Path).Distinct())}.");
        }

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var buffer = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(buffer);
                // Protobuf keeps strings as raw UTF-8; Latin-1 maps every other byte to one char, so the strings can be searched.
                _received.Enqueue((context.Request.Url!.AbsolutePath, Encoding.Latin1.GetString(buffer.ToArray())));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }
    }
}
