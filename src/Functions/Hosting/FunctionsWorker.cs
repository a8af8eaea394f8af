using AgentFunctions.Core;
using AgentFunctions.Core.Storage;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;

namespace AgentFunctions.Functions.Hosting;

/// <summary>
/// Runs the app as an Azure Functions isolated worker with ASP.NET Core integration: the host triggers the HTTP, queue,
/// orchestration and activity functions; Durable Functions runs the orchestrators on the task hub of host.json.
/// This path builds and is contract-tested against <c>functions.metadata</c>, but has not been run under a Functions host here.
/// </summary>
internal static class FunctionsWorker
{
    public static async Task RunAsync(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<Auth.ApiKeyWorkerMiddleware>();
        builder.Services.AddAgentFunctionsCore(builder.Configuration, "functions");
        builder.Services.AddWorkspaceRetention();
        builder.Services.AddSkillsMcpServer();
        builder.Services.AddAgentFunctionsTelemetry(builder.Configuration).UseFunctionsWorkerDefaults();
        builder.Services.AddHostedService<FunctionsStartup>();
        var app = builder.Build();
        Auth.AuthStartup.Check(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Core.Auth.AuthOptions>>().Value, listenUrls: null,
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AgentFunctions.Auth"));
        await app.RunAsync();
    }

    /// <summary>Creates the app's tables and queues (waiting for storage) and marks the app ready.</summary>
    private sealed class FunctionsStartup(IServiceProvider services, HostReadiness readiness) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            readiness.WaitingFor("waiting for storage to answer");
            await StorageBootstrap.EnsureCreatedAsync(services, stoppingToken);
            readiness.Ready();
        }
    }
}
