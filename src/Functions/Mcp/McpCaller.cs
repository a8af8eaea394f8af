using Microsoft.DurableTask.Client;

namespace AgentFunctions.Functions.Mcp;

/// <summary>
/// Who is calling the MCP endpoint, as far as the server needs to know: the domain whose skills they may list and run, and
/// the host's Durable Task client that starts the one-node runs. The MCP function attaches it to the HTTP request before
/// handing the request to the SDK; the per-request server options read it back (<see cref="SkillsMcpServer"/>). The domain
/// is decided in that one place (today: the route; later: the caller's API key).
/// </summary>
/// <param name="Domain">The domain, e.g. <c>hr</c>.</param>
/// <param name="Client">The Durable Task client of the host serving the request.</param>
public sealed record McpCaller(string Domain, DurableTaskClient Client)
{
    private static readonly object s_key = new();

    /// <summary>Attaches the caller to a request.</summary>
    /// <param name="context">The HTTP request.</param>
    /// <param name="caller">The caller.</param>
    public static void Attach(HttpContext context, McpCaller caller)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caller);
        context.Items[s_key] = caller;
    }

    /// <summary>Reads the caller attached to a request.</summary>
    /// <param name="context">The HTTP request.</param>
    /// <returns>The caller.</returns>
    /// <exception cref="InvalidOperationException">The request did not come through the MCP function (nothing attached).</exception>
    public static McpCaller From(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(s_key, out var caller) && caller is McpCaller found
            ? found
            : throw new InvalidOperationException("No MCP caller on this request: MCP requests must come through the Mcp function (api/domains/{domain}/mcp).");
    }
}
