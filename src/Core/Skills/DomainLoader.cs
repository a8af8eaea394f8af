using AgentFunctions.Core.Safety;
using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Skills;

/// <summary>Parses a <c>DOMAIN.md</c>: optional YAML frontmatter, then the domain's prompt layer.</summary>
public static class DomainLoader
{
    private static readonly HashSet<string> s_knownFields = new(StringComparer.Ordinal) { "name", "description", "owner", "budget", "mcp_servers", "security", "limits" };
    private static readonly HashSet<string> s_mcpFields = new(StringComparer.Ordinal) { "command", "args", "env", "cwd", "url", "headers" };
    private static readonly HashSet<string> s_budgetFields = new(StringComparer.Ordinal) { "daily_usd", "monthly_usd" };
    private static readonly HashSet<string> s_securityFields = new(StringComparer.Ordinal) { "pii", "pii_name_fields", "prompt_injection", "untrusted_inputs" };
    private static readonly HashSet<string> s_limitFields = new(StringComparer.Ordinal) { "max_concurrent_runs" };
    private static readonly string[] s_piiPolicies = ["redact", "block", "off"];
    private static readonly string[] s_injectionPolicies = ["warn", "block", "approve"];

    /// <summary>Parses a DOMAIN.md text.</summary>
    /// <param name="text">The file content; a file without a leading <c>---</c> line is all prompt layer.</param>
    /// <param name="path">The file path: its folder name is the domain name, and issues name it.</param>
    /// <param name="issues">Receives errors (bad values, unparsable frontmatter) and warnings (unknown fields).</param>
    /// <returns>The domain, or null when an error makes its settings unknown.</returns>
    public static DomainDefinition? Parse(string text, string path, ICollection<SkillIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(issues);
        var folder = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(path)) ?? string.Empty;
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var (yaml, body, _) = MarkdownFrontmatter.Split(normalized);
        var layer = (yaml is null ? normalized : body).Trim();
        var domain = new DomainDefinition(folder, null, null, null, null, layer.Length > 0 ? layer : null, path);
        if (yaml is null)
        {
            return domain;
        }

        if (!MarkdownFrontmatter.TryParse(yaml, out var map, out var syntax))
        {
            issues.Add(new SkillIssue(SkillIssueCodes.FrontmatterSyntax, path, syntax.Line, syntax.Message, IsError: true));
            return null;
        }

        var errorsBefore = issues.Count(i => i.IsError);
        var reader = new FrontmatterReader(map, path, lineOffset: 1, issues);
        reader.WarnUnknownFields(s_knownFields);
        if (reader.String("name") is { } name && name != folder)
        {
            reader.Error("name", $"name '{name}' must equal the domain folder name '{folder}'.", SkillIssueCodes.NameMismatch);
        }

        domain = domain with { Description = reader.String("description"), Owner = reader.String("owner") };
        if (reader.Mapping("budget") is { } budgetMap)
        {
            var budget = new FrontmatterReader(budgetMap, path, lineOffset: 1, issues, "budget.");
            budget.WarnUnknownFields(s_budgetFields);
            domain = domain with { DailyBudgetUsd = budget.Usd("daily_usd"), MonthlyBudgetUsd = budget.Usd("monthly_usd") };
        }

        if (reader.Mapping("security") is { } securityMap)
        {
            var security = new FrontmatterReader(securityMap, path, lineOffset: 1, issues, "security.");
            security.WarnUnknownFields(s_securityFields);
            var defaults = DomainSecurityPolicy.Default;
            domain = domain with
            {
                Security = new DomainSecurityPolicy(
                    security.OneOf("pii", s_piiPolicies) is { } pii ? Enum.Parse<PiiPolicy>(pii, ignoreCase: true) : defaults.Pii,
                    security.StringList("pii_name_fields"),
                    security.OneOf("prompt_injection", s_injectionPolicies) is { } injection ? Enum.Parse<InjectionPolicy>(injection, ignoreCase: true) : defaults.PromptInjection)
                {
                    UntrustedInputs = security.StringList("untrusted_inputs"),
                },
            };
        }

        if (reader.Mapping("limits") is { } limitsMap)
        {
            var limits = new FrontmatterReader(limitsMap, path, lineOffset: 1, issues, "limits.");
            limits.WarnUnknownFields(s_limitFields);
            domain = domain with { MaxConcurrentRuns = limits.Int("max_concurrent_runs", 1, 10_000) };
        }

        if (reader.Mapping("mcp_servers") is { } servers)
        {
            domain = domain with { McpServers = ReadMcpServers(servers, path, issues) };
        }

        return issues.Count(i => i.IsError) > errorsBefore ? null : domain;
    }

    private static Dictionary<string, McpServerDefinition> ReadMcpServers(YamlMappingNode servers, string path, ICollection<SkillIssue> issues)
    {
        var result = new Dictionary<string, McpServerDefinition>(StringComparer.Ordinal);
        var outer = new FrontmatterReader(servers, path, lineOffset: 1, issues, "mcp_servers.");
        foreach (var (key, _) in servers.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!Tools.Agent.AgentToolNames.TryParse($"mcp:{name}", out _, out _, out _))
            {
                outer.Error(name, "is not a valid server name; use lowercase letters, digits, '_' and '-' (at most 32).");
                continue;
            }

            if (outer.Mapping(name) is not { } map)
            {
                continue;
            }

            var server = new FrontmatterReader(map, path, lineOffset: 1, issues, $"mcp_servers.{name}.");
            server.WarnUnknownFields(s_mcpFields);
            var command = server.String("command");
            var url = server.String("url");
            if ((command is null) == (url is null))
            {
                outer.Error(name, "set either command (a stdio server) or url (an HTTP server).");
                continue;
            }

            Uri? endpoint = null;
            if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
            {
                server.Error("url", $"'{url}' is not an http(s) URL.");
                continue;
            }

            result[name] = new McpServerDefinition(name, command, server.StringList("args"), Pairs(server, "env"), server.String("cwd"), endpoint, Pairs(server, "headers"));
        }

        return result;
    }

    private static Dictionary<string, string> Pairs(FrontmatterReader reader, string key)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.Mapping(key) is { } map)
        {
            foreach (var (k, v) in map.Children)
            {
                if (k is YamlScalarNode { Value: { } name } && v is YamlScalarNode { Value: { } value })
                {
                    pairs[name] = value;
                }
                else
                {
                    reader.Error(key, "must map names to single values.");
                }
            }
        }

        return pairs;
    }
}
