using System.Text.RegularExpressions;

namespace AgentFunctions.Core.Tools.Agent;

/// <summary>
/// The names a skill's or node's <c>tools:</c> list may hold: the project's own tools (<see cref="Project"/>), every tool of an MCP
/// server of the skill's domain (<c>mcp:&lt;server&gt;</c>) or one of them (<c>mcp:&lt;server&gt;/&lt;tool&gt;</c>). The model sees
/// project tools by their name and MCP tools as <c>&lt;server&gt;_&lt;tool&gt;</c> (OpenAI function names allow only letters,
/// digits, <c>_</c> and <c>-</c>, at most 64 characters).
/// </summary>
public static partial class AgentToolNames
{
    /// <summary>Lists the files of the node's repository.</summary>
    public const string ListFiles = "list_files";

    /// <summary>Reads one file of the node's repository.</summary>
    public const string ReadFile = "read_file";

    /// <summary>Checks that a unified diff applies to the repository.</summary>
    public const string CheckPatch = "check_patch";

    /// <summary>Applies a patch to a fresh copy of the repository and runs its tests.</summary>
    public const string RunTests = "run_tests";

    /// <summary>Scans the lines a patch adds for secrets and dangerous calls.</summary>
    public const string SecurityScan = "security_scan";

    private static readonly Dictionary<string, string> s_aliases = new(StringComparer.Ordinal)
    {
        ["tests.run"] = RunTests,
        ["security.scan"] = SecurityScan,
    };

    /// <summary>Gets the project's tools, in the order they are offered.</summary>
    public static IReadOnlyList<string> Project { get; } = [ListFiles, ReadFile, CheckPatch, RunTests, SecurityScan];

    /// <summary>Parses one entry of a <c>tools:</c> list.</summary>
    /// <param name="entry">Such as <c>read_file</c>, <c>mcp:docs</c> or <c>mcp:docs/search</c>.</param>
    /// <param name="server">The MCP server, for an MCP entry.</param>
    /// <param name="tool">The MCP tool, for an entry naming one; null for all of a server's tools.</param>
    /// <param name="error">Why the entry is invalid, or null.</param>
    /// <returns>True when the entry is valid.</returns>
    public static bool TryParse(string entry, out string? server, out string? tool, out string? error)
    {
        ArgumentNullException.ThrowIfNull(entry);
        (server, tool, error) = (null, null, null);
        if (!entry.StartsWith("mcp:", StringComparison.Ordinal))
        {
            if (Project.Contains(Canonical(entry)))
            {
                return true;
            }

            error = $"'{entry}' is not a tool a skill may call; use one of {string.Join(", ", Project)} (tests.run and security.scan also work), mcp:<server> or mcp:<server>/<tool>.";
            return false;
        }

        var rest = entry[4..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        server = slash < 0 ? rest : rest[..slash];
        tool = slash < 0 ? null : rest[(slash + 1)..];
        if (!ServerPattern().IsMatch(server) || tool is { Length: 0 })
        {
            error = $"'{entry}' is not a valid MCP tool reference; write mcp:<server> or mcp:<server>/<tool>, the server named under mcp_servers in the domain's DOMAIN.md.";
            return false;
        }

        return true;
    }

    /// <summary>The project tool an entry names: the graph tool names <c>tests.run</c> and <c>security.scan</c> stand for
    /// <see cref="RunTests"/> and <see cref="SecurityScan"/>; any other entry is returned as it is.</summary>
    /// <param name="entry">A <c>tools:</c> entry.</param>
    /// <returns>The canonical name.</returns>
    public static string Canonical(string entry) => s_aliases.GetValueOrDefault(entry, entry);

    /// <summary>The name the model sees for an MCP tool: <c>&lt;server&gt;_&lt;tool&gt;</c> with other characters replaced by <c>_</c>,
    /// cut at 64 characters.</summary>
    /// <param name="server">The server name.</param>
    /// <param name="tool">The tool's name on the server.</param>
    /// <returns>The function name.</returns>
    public static string McpFunctionName(string server, string tool)
    {
        var name = InvalidFunctionChars().Replace($"{server}_{tool}", "_");
        return name.Length > 64 ? name[..64] : name;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,31}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ServerPattern();

    [GeneratedRegex("[^A-Za-z0-9_-]", RegexOptions.CultureInvariant)]
    private static partial Regex InvalidFunctionChars();
}
