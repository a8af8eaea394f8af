using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Skills;

/// <summary>
/// Parses one <c>SKILL.md</c>: a YAML frontmatter block between <c>---</c> lines, then the Markdown body.
/// Frontmatter fields follow Agentura (<c>name, role, domain, trigger, model, cost_budget_per_execution, timeout, routes_to</c>)
/// plus ours (<c>description, max_output_tokens, temperature, output</c>). Unknown fields are warnings, so the seed's skills load as they are.
/// </summary>
public static class SkillLoader
{
    private const string DefaultModel = "openai/gpt-4o-mini";
    private const int DefaultMaxOutputTokens = 1024;

    private static readonly HashSet<string> s_knownFields = new(StringComparer.Ordinal)
    {
        "name", "role", "domain", "trigger", "model", "cost_budget_per_execution", "timeout", "routes_to",
        "description", "max_output_tokens", "temperature", "output",
    };

    private static readonly HashSet<string> s_roles = new(StringComparer.Ordinal) { "manager", "specialist", "field" };

    /// <summary>Parses a SKILL.md text.</summary>
    /// <param name="text">The file content.</param>
    /// <param name="path">The file path (used for the expected domain/name and in issues).</param>
    /// <param name="issues">Receives errors and warnings.</param>
    /// <returns>The skill, or null when an error prevents loading it.</returns>
    public static SkillDefinition? Parse(string text, string path, ICollection<SkillIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(issues);
        var folderName = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(path)) ?? string.Empty;
        var domainFolder = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(System.IO.Path.GetDirectoryName(path))) ?? string.Empty;
        var (frontmatter, body, bodyLine) = SplitFrontmatter(text.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (frontmatter is null)
        {
            issues.Add(new SkillIssue(path, "SKILL.md must start with a YAML frontmatter block between '---' lines.", 1, IsError: true));
            return null;
        }

        YamlMappingNode map;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(frontmatter));
            map = stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode m ? m : new YamlMappingNode();
        }
        catch (YamlException ex)
        {
            issues.Add(new SkillIssue(path, $"Frontmatter is not valid YAML: {ex.Message}", (int)ex.Start.Line + 1, IsError: true));
            return null;
        }

        var reader = new FrontmatterReader(map, path, issues);
        foreach (var (key, line) in reader.Keys)
        {
            if (!s_knownFields.Contains(key))
            {
                issues.Add(new SkillIssue(path, $"Unknown frontmatter field '{key}' (ignored).", line + 1, IsError: false));
            }
        }

        var name = reader.String("name") ?? folderName;
        var domain = reader.String("domain") ?? domainFolder;
        var errorsBefore = issues.Count(i => i.IsError);
        if (!string.Equals(name, folderName, StringComparison.Ordinal))
        {
            reader.Error("name", $"name '{name}' must equal the skill folder name '{folderName}'.");
        }

        if (!string.Equals(domain, domainFolder, StringComparison.Ordinal))
        {
            reader.Error("domain", $"domain '{domain}' must equal the domain folder name '{domainFolder}'.");
        }

        var role = reader.String("role") ?? "specialist";
        if (!s_roles.Contains(role))
        {
            reader.Error("role", $"role '{role}' must be manager, specialist or field.");
        }

        var output = reader.String("output") ?? "text";
        if (output is not ("json" or "text"))
        {
            reader.Error("output", $"output '{output}' must be json or text.");
        }

        var skill = new SkillDefinition(
            Id: $"{domain}/{name}",
            Name: name,
            Domain: domain,
            Role: role,
            Trigger: reader.String("trigger") ?? "manual",
            Model: reader.String("model") ?? DefaultModel,
            CostBudgetPerExecutionUsd: reader.Usd("cost_budget_per_execution"),
            Timeout: reader.Duration("timeout"),
            MaxOutputTokens: reader.Int("max_output_tokens", 1, 200_000) ?? DefaultMaxOutputTokens,
            Temperature: reader.Double("temperature", 0, 2),
            OutputFormat: output,
            Description: reader.String("description") ?? FirstHeading(body),
            Body: body.Trim(),
            Version: Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12],
            Path: path);

        if (skill.Body.Length < 50)
        {
            issues.Add(new SkillIssue(path, $"The prompt body is very short ({skill.Body.Length} characters); models do better with a task, inputs and output format.", bodyLine, IsError: false));
        }

        return issues.Count(i => i.IsError) > errorsBefore ? null : skill;
    }

    private static (string? Frontmatter, string Body, int BodyLine) SplitFrontmatter(string text)
    {
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            return (null, text, 1);
        }

        var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            return (null, text, 1);
        }

        var frontmatter = text[4..(end + 1)];
        var afterMarker = text.IndexOf('\n', end + 4);
        var body = afterMarker < 0 ? string.Empty : text[(afterMarker + 1)..];
        var bodyLine = text[..(afterMarker < 0 ? text.Length : afterMarker)].Count(c => c == '\n') + 2;
        return (frontmatter, body, bodyLine);
    }

    private static string? FirstHeading(string body)
    {
        foreach (var line in body.Split('\n'))
        {
            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                return line[2..].Trim();
            }
        }

        return null;
    }

    private sealed class FrontmatterReader(YamlMappingNode map, string path, ICollection<SkillIssue> issues)
    {
        public IEnumerable<(string Key, int Line)> Keys =>
            map.Children.Select(kv => (((YamlScalarNode)kv.Key).Value ?? string.Empty, (int)kv.Key.Start.Line));

        public void Error(string key, string message) =>
            issues.Add(new SkillIssue(path, $"Frontmatter '{key}': {message}", LineOf(key), IsError: true));

        public string? String(string key) => Find(key) switch
        {
            null => null,
            YamlScalarNode s => s.Value,
            _ => Fail<string>(key, "must be a single value."),
        };

        public decimal? Usd(string key)
        {
            var value = String(key);
            if (value is null)
            {
                return null;
            }

            return Units.TryParseUsd(value, out var usd)
                ? usd
                : Fail<decimal?>(key, $"'{value}' is not an amount in USD such as \"$0.05\".");
        }

        public TimeSpan? Duration(string key)
        {
            var value = String(key);
            if (value is null)
            {
                return null;
            }

            return Units.TryParseDuration(value, out var duration)
                ? duration
                : Fail<TimeSpan?>(key, $"'{value}' is not a duration such as \"30s\", \"2m\" or \"500ms\".");
        }

        public int? Int(string key, int min, int max)
        {
            var value = String(key);
            if (value is null)
            {
                return null;
            }

            return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? n
                : Fail<int?>(key, $"'{value}' must be a whole number from {min} to {max}.");
        }

        public double? Double(string key, double min, double max)
        {
            var value = String(key);
            if (value is null)
            {
                return null;
            }

            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= min && d <= max
                ? d
                : Fail<double?>(key, $"'{value}' must be a number from {min} to {max}.");
        }

        private YamlNode? Find(string key) =>
            map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode s && s.Value == key).Value;

        private int? LineOf(string key)
        {
            var entry = map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode s && s.Value == key);
            return entry.Key is null ? null : (int)entry.Key.Start.Line + 1;
        }

        private T Fail<T>(string key, string message)
        {
            Error(key, message);
            return default!;
        }
    }
}
