namespace AgentFunctions.Core.Skills;

/// <summary>
/// An MCP server of a domain, from <c>mcp_servers:</c> in its <c>DOMAIN.md</c>: either a local process spoken to over stdio
/// (<c>command</c>, <c>args</c>, <c>env</c>, <c>cwd</c>) or a remote server over Streamable HTTP (<c>url</c>, <c>headers</c>).
/// Its tools are offered to the domain's skills that list <c>mcp:&lt;name&gt;</c> or <c>mcp:&lt;name&gt;/&lt;tool&gt;</c> in <c>tools:</c>.
/// </summary>
/// <param name="Name">The server's name in the domain (lowercase letters, digits, <c>_</c>, <c>-</c>).</param>
/// <param name="Command">The program to start, for a stdio server; null for HTTP.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Environment">Extra environment variables of the process.</param>
/// <param name="WorkingDirectory">Its working directory, relative to the app's content root; null for the content root.</param>
/// <param name="Url">The endpoint, for an HTTP server; null for stdio.</param>
/// <param name="Headers">Extra request headers for an HTTP server.</param>
public sealed record McpServerDefinition(
    string Name,
    string? Command,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string? WorkingDirectory,
    Uri? Url,
    IReadOnlyDictionary<string, string> Headers);
