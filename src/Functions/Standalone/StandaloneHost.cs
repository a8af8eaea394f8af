using AgentFunctions.Core.Auth;
using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Storage;
using AgentFunctions.Functions.Hosting;
using AgentFunctions.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Functions.Standalone;

/// <summary>
/// Runs the app without the Functions host: the same HTTP functions on ASP.NET Core (default
/// <c>http://127.0.0.1:7071</c>), the same queue functions fed by <see cref="QueueTriggerListener"/>, and the same
/// orchestrators and activities on the Durable Task Framework (<see cref="DurableEngine"/>), configured from the same
/// host.json and local.settings.json as <c>func start</c>.
/// </summary>
internal static class StandaloneHost
{
    /// <summary>Builds and runs the host until it is stopped (SIGTERM, Ctrl+C).</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>A task that completes when the host stopped.</returns>
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        HostJson.AddTo(builder.Configuration, Path.Combine(AppContext.BaseDirectory, "host.json"));
        LocalSettings.AddTo(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            // Queue names the triggers read as %Setting%: the options' defaults when nothing configures them.
            InitialData = new Dictionary<string, string?>
            {
                ["Orchestration:RunRequestQueue"] = new OrchestrationOptions().RunRequestQueue,
                ["Learning:CorrectionsQueue"] = new LearningOptions().CorrectionsQueue,
                ["Learning:ValidationsQueue"] = new LearningOptions().ValidationsQueue,
            },
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:7071");
        }

        builder.Services.AddAgentFunctionsCore(builder.Configuration, "standalone");
        builder.Services.AddWorkspaceRetention();
        builder.Services.AddSkillsMcpServer();
        builder.Services.AddAgentFunctionsTelemetry(builder.Configuration);
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(DurableEngineOptions.From(builder.Configuration));
        builder.Services.AddSingleton(builder.Configuration.GetSection(QueueListenerOptions.SectionName).Get<QueueListenerOptions>() ?? new QueueListenerOptions());
        builder.Services.AddSingleton<DurableClientAccessor>();
        builder.Services.AddSingleton<QueueTriggerListener>();
        builder.Services.AddHostedService<StandaloneStartup>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

        var app = builder.Build();
        var urls = (builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? "http://127.0.0.1:7071").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Auth.AuthStartup.Check(app.Services.GetRequiredService<IOptions<AuthOptions>>().Value, urls, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AgentFunctions.Auth"));
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHttpFunctions(typeof(StandaloneHost).Assembly);
        // The dashboard function lives under the route prefix (/api/dashboard/); the short addresses lead there.
        app.MapGet("/", () => Results.Redirect("/api/dashboard/")).ExcludeFromDescription();
        app.MapGet("/dashboard", () => Results.Redirect("/api/dashboard/")).ExcludeFromDescription();
        await app.RunAsync();
    }
}
