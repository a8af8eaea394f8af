using AgentFunctions.Core.Hosting;
using AgentFunctions.Functions.Api;
using AgentFunctions.Functions.CustomHandler;
using AgentFunctions.Functions.Hosting;

var builder = WebApplication.CreateBuilder(args);
LocalSettings.AddTo(builder.Configuration, builder.Environment.ContentRootPath);

// Started by the Functions host: it passes the port to listen on and sends queue triggers to /{FunctionName}.
// Otherwise standalone: serve the same API and poll the same queues ourselves.
var customHandlerPort = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT");
var mode = customHandlerPort is null ? "standalone" : "custom-handler";
if (customHandlerPort is not null)
{
    builder.WebHost.UseUrls($"http://127.0.0.1:{customHandlerPort}");
}
else if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:7071");
}

builder.Services.AddAgentFunctionsCore(builder.Configuration, mode);
builder.Services.AddProblemDetails();
if (mode == "standalone")
{
    builder.Services.AddHostedService<StandaloneQueueProcessor>();
}

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
await StorageBootstrap.EnsureCreatedAsync(app.Services);
app.MapHealthApi();
app.MapRunsApi();
app.MapGraphsApi();
app.MapDomainsApi();
app.MapSkillsApi();
app.MapKnowledgeApi();
app.MapCustomHandlerTriggers();
await app.RunAsync();

/// <summary>The Functions app entry point (public so in-process tests can host it).</summary>
public partial class Program;
