using System.Reflection;
using AgentFunctions.Functions.Mcp;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the MCP server that serves each domain's skills as tools (<c>api/domains/{domain}/mcp</c>): the SDK's server with
/// the Streamable HTTP transport in stateless mode (no session affinity, so any instance of a scaled-out app answers any
/// request; the SDK calls <see cref="ModelContextProtocol.AspNetCore.HttpServerTransportOptions.ConfigureSessionOptions"/> on
/// every request), whose <c>tools/list</c> and <c>tools/call</c> handlers are bound per request to the <see cref="McpCaller"/>
/// the MCP function attached.
/// </summary>
public static class SkillsMcpServer
{
    /// <summary>Adds the skills MCP server.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddSkillsMcpServer(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<SkillTools>();
        services.AddSingleton<SkillToolCalls>();
        services.AddSingleton<McpStreamableHttp>();
        services.AddMcpServer(o => o.ServerInfo = new Implementation
        {
            Name = "agentfunctions",
            Version = typeof(SkillsMcpServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
        })
        .WithHttpTransport(o =>
        {
            o.Stateless = true;
            o.ConfigureSessionOptions = (context, options, _) =>
            {
                var caller = McpCaller.From(context);
                var tools = context.RequestServices.GetRequiredService<SkillTools>();
                var calls = context.RequestServices.GetRequiredService<SkillToolCalls>();
                options.ServerInstructions = $"Each tool runs one skill of the '{caller.Domain}' domain of AgentFunctions as a budgeted, recorded run; the result's _meta[\"{SkillTools.MetaPrefix}run\"] has its run id, model, cost and tokens.";
                options.Handlers.ListToolsHandler = (request, _) => ValueTask.FromResult(new ListToolsResult { Tools = tools.List(caller.Domain) });
                options.Handlers.CallToolHandler = async (request, cancellationToken) => await calls.CallAsync(
                    caller, request.Params ?? throw new McpProtocolException("tools/call needs params: {name, arguments}.", McpErrorCode.InvalidParams), cancellationToken);
                return Task.CompletedTask;
            };
        });
        return services;
    }
}
