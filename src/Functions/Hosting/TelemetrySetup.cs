using AgentFunctions.Core.Telemetry;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AgentFunctions.Functions.Hosting;

/// <summary>
/// OpenTelemetry for both hosts: traces of the product's source (<see cref="AgentTelemetry.Name"/>: runs, nodes, model calls
/// with the GenAI conventions, tool calls, queue messages), the Durable Task libraries' sources and incoming HTTP requests
/// (health and readiness probes left out); metrics of the product's meter and of ASP.NET Core. Exporters come from the
/// standard settings: OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (with the other <c>OTEL_EXPORTER_OTLP_*</c>
/// settings the OTLP exporter reads), Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set — authenticated
/// by the managed identity named in <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>ClientId=…;Authorization=AAD</c>,
/// as the Functions host reads it) when present. With neither, spans are created for in-process listeners only.
/// <c>OTEL_SERVICE_NAME</c> names the service (default <c>agentfunctions</c>).
/// </summary>
internal static class TelemetrySetup
{
    /// <summary>Registers the OpenTelemetry SDK with the app's sources, meters and configured exporters.</summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configuration">App configuration (local.settings.json values, environment variables).</param>
    /// <returns>The builder, for host-specific additions.</returns>
    public static OpenTelemetryBuilder AddAgentFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "agentfunctions";
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t => t
                .AddSource(AgentTelemetry.Name)
                .AddSource([.. AgentTelemetry.DurableTaskSources])
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path)))
            .WithMetrics(m => m
                .AddMeter(AgentTelemetry.Name)
                .AddAspNetCoreInstrumentation());

        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.WithTracing(t => t.AddOtlpExporter()).WithMetrics(m => m.AddOtlpExporter());
        }

        if (configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] is { Length: > 0 } connectionString)
        {
            var credential = ManagedIdentityOf(configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
            otel.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = connectionString;
                if (credential is not null)
                {
                    o.Credential = credential;
                }
            });
        }

        return otel;
    }

    /// <summary>Reads <c>ClientId=…;Authorization=AAD</c> (or <c>Authorization=AAD</c> alone, the system-assigned identity).</summary>
    /// <param name="authentication">The setting's value, or null.</param>
    /// <returns>The managed identity credential, or null when the setting does not ask for Entra ID authentication.</returns>
    internal static TokenCredential? ManagedIdentityOf(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication))
        {
            return null;
        }

        var parts = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !kind.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/api/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/api/ready", StringComparison.OrdinalIgnoreCase);
}
