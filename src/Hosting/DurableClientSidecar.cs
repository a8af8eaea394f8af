using System.Net;
using System.Net.Sockets;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentFunctions.Hosting;

/// <summary>
/// The Durable Task SDK's client (<see cref="DurableTaskClient"/>, the type Durable Functions hands to <c>[DurableClient]</c>)
/// for a host without the Functions runtime: the Durable Task gRPC sidecar (<see cref="TaskHubGrpcServer"/> of
/// Microsoft.DurableTask.InProcessTestHost, in API-only mode: it dispatches nothing) listening on a free 127.0.0.1 port in
/// this process, over the engine's backend, and the SDK's gRPC client talking to it. HTTP functions therefore use the same
/// client API under both hosts.
/// </summary>
public sealed class DurableClientSidecar : IAsyncDisposable
{
    private readonly WebApplication _server;
    private readonly GrpcChannel _channel;

    private DurableClientSidecar(WebApplication server, GrpcChannel channel, DurableTaskClient client)
    {
        _server = server;
        _channel = channel;
        Client = client;
    }

    /// <summary>Gets the client.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>Starts the sidecar on a free loopback port and connects a client to it.</summary>
    /// <param name="service">The backend (an <see cref="IOrchestrationServiceClient"/> too).</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running sidecar.</returns>
    /// <exception cref="ArgumentException">The backend has no client API.</exception>
    public static async Task<DurableClientSidecar> StartAsync(IOrchestrationService service, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        var client = service as IOrchestrationServiceClient ?? throw new ArgumentException("The backend has no client API.", nameof(service));
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);

        // A server inside the app's process: no URLs of its own from the environment, no Ctrl+C/SIGTERM handling (the app's host owns the lifetime).
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Empty);
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = null;
            o.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton(client);
        builder.Services.Configure<TaskHubGrpcServerOptions>(o => o.Mode = TaskHubGrpcServerMode.ApiServerOnly);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var server = builder.Build();
        server.MapGrpcService<TaskHubGrpcServer>();
        await server.StartAsync(cancellationToken);
        var channel = GrpcChannel.ForAddress(
            new Uri($"http://127.0.0.1:{port}"), new GrpcChannelOptions { MaxReceiveMessageSize = null, MaxSendMessageSize = null });
        var durable = new GrpcDurableTaskClient("default", new GrpcDurableTaskClientOptions { Channel = channel, DataConverter = DurableJson.Converter }, loggerFactory.CreateLogger<GrpcDurableTaskClient>());
        return new DurableClientSidecar(server, channel, durable);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _channel.ShutdownAsync();
        _channel.Dispose();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _server.StopAsync(grace.Token);
        await _server.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
