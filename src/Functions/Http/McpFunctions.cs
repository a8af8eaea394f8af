using AgentFunctions.Functions.Mcp;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AgentFunctions.Functions.Http;

/// <summary>The MCP endpoint: one per domain, serving that domain's skills as MCP tools (Streamable HTTP, stateless).</summary>
/// <param name="tools">The catalog → tools mapping (knows the domains).</param>
/// <param name="mcp">The MCP SDK's Streamable HTTP handler.</param>
public sealed class McpFunctions(SkillTools tools, McpStreamableHttp mcp)
{
    /// <summary>
    /// <c>POST /api/domains/{domain}/mcp</c>: one MCP JSON-RPC message (<c>initialize</c>, <c>tools/list</c>, <c>tools/call</c> …),
    /// answered by the SDK as JSON or an SSE stream; <c>GET</c> and <c>DELETE</c> answer 405 (no server-to-client stream, no sessions).
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="domain">The domain whose skills are the tools.</param>
    /// <param name="client">The Durable Task client that starts the skill runs.</param>
    /// <returns>Nothing once the SDK has written the response; 403 unless the key is a runner of the domain; 404 for an unknown domain; 405 for GET and DELETE.</returns>
    [Function("Mcp")]
    public async Task<IResult> ServeAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", "delete", Route = "domains/{domain}/mcp")] HttpRequest request, string domain,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Auth.Access.Check(request, Core.Auth.ApiRole.Runner, domain, $"the MCP server of domain '{domain}' (its tools execute skills)") is { } denied)
        {
            return denied;
        }

        if (!tools.HasDomain(domain))
        {
            return Problems.Result(404, "domain-not-found", "Domain not found.", $"No domain named '{domain}' (no skills and no DOMAIN.md), so no MCP tools.");
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            request.HttpContext.Response.Headers.Allow = HttpMethods.Post;
            return Problems.Result(405, "mcp-method-not-allowed", "Method not allowed.", "This MCP endpoint is stateless: it serves POST only (no server-to-client stream, no sessions to delete).");
        }

        McpCaller.Attach(request.HttpContext, new McpCaller(domain, client));
        await mcp.HandlePostAsync(request.HttpContext);
        return Results.Empty;
    }
}
