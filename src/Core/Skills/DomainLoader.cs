namespace AgentFunctions.Core.Skills;

/// <summary>Parses a <c>DOMAIN.md</c>: optional YAML frontmatter, then the domain's prompt layer.</summary>
public static class DomainLoader
{
    private static readonly HashSet<string> s_knownFields = new(StringComparer.Ordinal) { "name", "description", "owner", "budget" };
    private static readonly HashSet<string> s_budgetFields = new(StringComparer.Ordinal) { "daily_usd", "monthly_usd" };

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

        return issues.Count(i => i.IsError) > errorsBefore ? null : domain;
    }
}
