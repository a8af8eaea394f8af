using System.Collections.Concurrent;
using System.ComponentModel;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace AgentFunctions.TestSupport;

/// <summary>
/// A small MCP server for tests, built with the official SDK (<c>ModelContextProtocol.AspNetCore</c>) on Kestrel at a free
/// 127.0.0.1 port, speaking Streamable HTTP at <c>/mcp</c>. Its one tool <c>lookup</c> answers a fixed glossary entry for a term
/// and keeps every term it was asked for.
/// </summary>
public sealed class FakeMcpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeMcpServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>Gets the MCP endpoint (<c>http://127.0.0.1:{port}/mcp</c>).</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the terms <c>lookup</c> was called with, in order.</summary>
    public static ConcurrentQueue<string> Lookups { get; } = new();

    /// <summary>Starts the server.</summary>
    /// <returns>The running server.</returns>
    public static async Task<FakeMcpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddMcpServer().WithHttpTransport(o => o.Stateless = true).WithTools([McpServerTool.Create(Lookup)]);
        var app = builder.Build();
        app.MapMcp("/mcp");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeMcpServer(app, new Uri($"{address.TrimEnd('/')}/mcp"));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Description("Looks a term up in the team's glossary.")]
    private static string Lookup([Description("The term to look up")] string term)
    {
        Lookups.Enqueue(term);
        return term == "answer" ? "answer: the value answer() must return is 42 (see the issue tracker, ticket 7)" : $"{term}: not in the glossary";
    }
}
