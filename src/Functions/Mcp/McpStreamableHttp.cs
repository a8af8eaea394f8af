using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace AgentFunctions.Functions.Mcp;

/// <summary>
/// The MCP SDK's Streamable HTTP handler for <c>POST</c>, as a <see cref="RequestDelegate"/> that a function can call with its
/// own <see cref="HttpContext"/>. The SDK exposes its handler only through <c>MapMcp</c>, which needs ASP.NET Core routing;
/// a function is already routed (by the Functions host, or by the standalone host's function table), so this maps the SDK's
/// endpoints once into a private route builder and keeps the POST endpoint's delegate. In stateless mode the SDK maps no
/// GET or DELETE endpoint (no server-to-client stream, no session to end).
/// </summary>
public sealed class McpStreamableHttp
{
    private readonly RequestDelegate _post;

    /// <summary>Initializes a new instance of the <see cref="McpStreamableHttp"/> class.</summary>
    /// <param name="services">The app's services, with <c>AddMcpServer().WithHttpTransport()</c> registered.</param>
    /// <exception cref="InvalidOperationException">The MCP HTTP transport is not registered, or the SDK mapped no POST endpoint.</exception>
    public McpStreamableHttp(IServiceProvider services)
    {
        var endpoints = new EndpointCollector(services);
        endpoints.MapMcp();
        _post = endpoints.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Post) == true)
            .Select(e => e.RequestDelegate)
            .FirstOrDefault() ?? throw new InvalidOperationException("The MCP SDK mapped no POST endpoint.");
    }

    /// <summary>Serves one MCP POST (a JSON-RPC message) on the request.</summary>
    /// <param name="context">The HTTP request, with an <see cref="McpCaller"/> attached.</param>
    /// <returns>A task that completes when the response is written.</returns>
    public Task HandlePostAsync(HttpContext context) => _post(context);

    private sealed class EndpointCollector(IServiceProvider services) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider { get; } = services;

        public ICollection<EndpointDataSource> DataSources { get; } = [];

        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(ServiceProvider);
    }
}
