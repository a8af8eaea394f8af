using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Models.ToolCalling;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Skills.Schemas;
using AgentFunctions.Core.Tools.Agent;
using AgentFunctions.Core.Tools.Processes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;

namespace AgentFunctions.Core.Tools.Mcp;

/// <summary>
/// The tools of the domains' MCP servers, through the official <c>ModelContextProtocol</c> C# SDK's client: one
/// <see cref="McpClient"/> per domain and server, connected on first use (a stdio server's process is started then; an HTTP
/// server is reached over Streamable HTTP, falling back to SSE), its tool list read once. Each <see cref="McpClientTool"/> is an
/// <c>AIFunction</c> renamed <c>&lt;server&gt;_&lt;tool&gt;</c>; a call goes to the server. A client whose connection failed is
/// dropped so the next node connects again. Disposing closes every client (and stops stdio processes).
/// </summary>
/// <remarks>
/// A stdio server's command must be on <see cref="SandboxOptions.EffectiveAllowedCommands"/> (see
/// <see cref="SandboxCommands"/>), and its process does not inherit the host's environment: it gets
/// <see cref="SandboxEnvironment.Scrub"/> of it (no storage, model or identity secrets) plus the server's own <c>env</c>.
/// </remarks>
/// <param name="logger">Logs connections and failed closes.</param>
/// <param name="environment">Gives the content root a stdio server's <c>cwd</c> is relative to; null for the current directory.</param>
/// <param name="loggerFactory">Passed to the SDK's transports and clients; null for none.</param>
/// <param name="sandbox">The allowed commands and the environment rules; null for the defaults.</param>
public sealed partial class McpToolSource(
    ILogger<McpToolSource> logger,
    IHostEnvironment? environment = null,
    ILoggerFactory? loggerFactory = null,
    IOptions<SandboxOptions>? sandbox = null) : IAsyncDisposable
{
    private readonly SandboxOptions _sandbox = sandbox?.Value ?? new SandboxOptions();
    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly ILogger<McpToolSource> _logger = logger;

    /// <summary>Gets the tools of one server of a domain, or one of them.</summary>
    /// <param name="domain">The skill's domain.</param>
    /// <param name="server">The server name under the domain's <c>mcp_servers:</c>.</param>
    /// <param name="tool">The tool's name on the server, or null for all of them.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The tools, named as the model sees them.</returns>
    /// <exception cref="InvalidOperationException">The domain has no such server, its command is not allowed, the server has no
    /// such tool, or it could not be reached (the message says which and why).</exception>
    public async Task<IReadOnlyList<NodeTool>> GetToolsAsync(DomainDefinition domain, string server, string? tool, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (!domain.McpServers.TryGetValue(server, out var definition))
        {
            var known = domain.McpServers.Count == 0 ? "it has none" : $"it has {string.Join(", ", domain.McpServers.Keys.Order(StringComparer.Ordinal))}";
            throw new InvalidOperationException($"MCP server '{server}' is not configured for domain '{domain.Name}' (mcp_servers in its DOMAIN.md; {known}).");
        }

        if (definition.Url is null && definition.Command is { } command && SandboxCommands.Refusal(command, _sandbox) is { } refusal)
        {
            throw new InvalidOperationException($"MCP server '{server}' of domain '{domain.Name}' was not started: {refusal}");
        }

        var connection = await ConnectionAsync($"{domain.Name}/{server}", definition, cancellationToken);
        var tools = tool is null ? connection.Tools : connection.Tools.Where(t => t.Name == tool).ToList();
        if (tool is not null && tools.Count == 0)
        {
            throw new InvalidOperationException($"MCP server '{server}' has no tool '{tool}'; it has {string.Join(", ", connection.Tools.Select(t => t.Name))}.");
        }

        return [.. tools.Select(t => new NodeTool(
            t.WithName(AgentToolNames.McpFunctionName(server, t.Name)),
            $"mcp:{server}",
            JsonSchema.Parse(JsonNode.Parse(t.JsonSchema.GetRawText())).Schema))];
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections.Values)
        {
            try
            {
                await connection.Client.DisposeAsync();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogCloseFailed(_logger, ex.Message);
            }
        }

        _connections.Clear();
        _connectLock.Dispose();
    }

    /// <summary>Forgets a server's connection (after a call found it broken), so the next node connects again.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="server">The server name.</param>
    /// <returns>A task that completes when the old client is closed.</returns>
    public async Task ResetAsync(string domain, string server)
    {
        if (_connections.TryRemove($"{domain}/{server}", out var old))
        {
            await old.Client.DisposeAsync();
        }
    }

    private async Task<Connection> ConnectionAsync(string key, McpServerDefinition definition, CancellationToken cancellationToken)
    {
        if (_connections.TryGetValue(key, out var existing))
        {
            return existing;
        }

        await _connectLock.WaitAsync(cancellationToken);
        try
        {
            if (_connections.TryGetValue(key, out existing))
            {
                return existing;
            }

            var connection = await ConnectAsync(definition, cancellationToken);
            _connections[key] = connection;
            return connection;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"MCP server '{definition.Name}' ({key}) could not be reached: {ex.Message}", ex);
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task<Connection> ConnectAsync(McpServerDefinition server, CancellationToken cancellationToken)
    {
        IClientTransport transport = server.Url is { } url
            ? new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = url,
                Name = server.Name,
                AdditionalHeaders = server.Headers.ToDictionary(StringComparer.OrdinalIgnoreCase),
            }, loggerFactory)
            : new StdioClientTransport(new StdioClientTransportOptions
            {
                Command = server.Command!,
                Arguments = [.. server.Arguments],
                Name = server.Name,
                WorkingDirectory = Path.GetFullPath(Path.Combine(environment?.ContentRootPath ?? Directory.GetCurrentDirectory(), server.WorkingDirectory ?? ".")),
                // The SDK would pass on the whole host environment; give the server the scrubbed copy and its own env instead.
                InheritEnvironmentVariables = false,
                EnvironmentVariables = ServerEnvironment(server),
            }, loggerFactory);
        var client = await McpClient.CreateAsync(transport, new McpClientOptions(), loggerFactory, cancellationToken);
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
        LogConnected(_logger, server.Name, tools.Count);
        return new Connection(client, [.. tools]);
    }

    private Dictionary<string, string?> ServerEnvironment(McpServerDefinition server)
    {
        var variables = SandboxEnvironment.Scrub(SandboxEnvironment.Current(), _sandbox);
        foreach (var (name, value) in server.Environment)
        {
            variables[name] = value;
        }

        return variables;
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "MCP server {Server} connected with {Tools} tool(s)")]
    private static partial void LogConnected(ILogger logger, string server, int tools);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Closing an MCP client failed: {Error}")]
    private static partial void LogCloseFailed(ILogger logger, string error);

    private sealed record Connection(McpClient Client, IReadOnlyList<McpClientTool> Tools);
}
