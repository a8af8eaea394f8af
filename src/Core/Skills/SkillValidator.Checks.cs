using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Skills;

/// <content>Checks that need more than one file: fixtures and <c>routes_to</c> targets.</content>
public static partial class SkillValidator
{
    private static readonly JsonDocumentOptions s_fixtureOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static void CheckFixture(SkillDefinition skill, List<SkillIssue> issues)
    {
        var fixture = Path.Combine(Path.GetDirectoryName(skill.Path) ?? ".", "fixtures", "sample_input.json");
        if (!File.Exists(fixture))
        {
            issues.Add(new SkillIssue(SkillIssueCodes.NoFixture, skill.Path, null,
                $"No {FixturePath}: add a sample input so the skill can be tried and regression-tested.", IsError: false));
            return;
        }

        JsonNode? sample;
        try
        {
            sample = JsonNode.Parse(File.ReadAllText(fixture), documentOptions: s_fixtureOptions);
        }
        catch (JsonException ex)
        {
            issues.Add(new SkillIssue(SkillIssueCodes.FixtureMismatch, fixture, (int?)ex.LineNumber + 1, $"The sample input is not valid JSON: {ex.Message}", IsError: false));
            return;
        }

        foreach (var error in skill.InputSchema?.Validate(sample) ?? [])
        {
            issues.Add(new SkillIssue(SkillIssueCodes.FixtureMismatch, fixture, null, $"The sample input does not satisfy input_schema at {error}", IsError: false));
        }
    }

    private static bool CheckRoutes(SkillDefinition skill, HashSet<string> knownDomains, HashSet<string> knownSkills, List<SkillIssue> issues)
    {
        var ok = true;
        foreach (var route in skill.RoutesTo)
        {
            string? problem = null;
            if (!knownDomains.Contains(route.Domain))
            {
                problem = $"there is no domain '{route.Domain}'{NameSuggestions.Hint(route.Domain, knownDomains)}.";
            }
            else if (route.Skill is not null && !knownSkills.Contains(route.Target))
            {
                var inDomain = knownSkills.Where(id => id.StartsWith(route.Domain + "/", StringComparison.Ordinal)).Select(id => id[(route.Domain.Length + 1)..]);
                problem = $"domain '{route.Domain}' has no skill '{route.Skill}'{NameSuggestions.Hint(route.Skill, inDomain)}.";
            }

            if (problem is not null)
            {
                issues.Add(new SkillIssue(SkillIssueCodes.UnknownRoute, skill.Path, route.Line, $"Frontmatter 'routes_to' to '{route.Target}': {problem}", IsError: true));
                ok = false;
            }
        }

        return ok;
    }
}
