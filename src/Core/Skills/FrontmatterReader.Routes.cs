using AgentFunctions.Core.Graphs;
using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Skills;

/// <content>Reading <c>routes_to</c> entries.</content>
internal sealed partial class FrontmatterReader
{
    private static readonly HashSet<string> s_routeFields = new(StringComparer.Ordinal) { "domain", "skill", "when" };

    /// <summary>Reads a list of <c>{domain, skill?, when}</c> entries; whether the targets exist is checked later, across skills.</summary>
    public IReadOnlyList<SkillRoute> Routes(string key)
    {
        var node = Node(key);
        if (node is null || (node is YamlScalarNode s && YamlJson.IsNull(s)))
        {
            return [];
        }

        if (node is not YamlSequenceNode list)
        {
            Error(key, "must be a list of entries such as { domain: hr, skill: resume-screen, when: \"resume, candidate\" }.");
            return [];
        }

        var routes = new List<SkillRoute>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var field = $"{key}[{i}]";
            if (list.Children[i] is not YamlMappingNode entry)
            {
                issues.Add(new SkillIssue(SkillIssueCodes.InvalidValue, path, LineOf(list.Children[i]),
                    $"Frontmatter '{prefix}{field}': each entry must be a mapping with domain, an optional skill, and when.", IsError: true));
                continue;
            }

            var reader = new FrontmatterReader(entry, path, lineOffset, issues, $"{prefix}{field}.");
            reader.WarnUnknownFields(s_routeFields);
            var domain = reader.String("domain");
            var skill = reader.String("skill");
            var when = reader.String("when") ?? string.Empty;
            if (string.IsNullOrWhiteSpace(domain))
            {
                issues.Add(new SkillIssue(SkillIssueCodes.InvalidValue, path, LineOf(entry),
                    $"Frontmatter '{prefix}{field}': the entry needs a domain.", IsError: true));
                continue;
            }

            var route = new SkillRoute(domain, string.IsNullOrWhiteSpace(skill) ? null : skill, when, SkillRoute.SplitKeywords(when), LineOf(entry));
            if (route.Keywords.Count == 0)
            {
                issues.Add(new SkillIssue(SkillIssueCodes.RouteNotUsable, path, LineOf(entry),
                    $"Frontmatter '{prefix}{field}': the route to '{route.Target}' has no when: keywords, so keyword routing never picks it.", IsError: false));
            }

            if (routes.Any(r => r.Target == route.Target))
            {
                issues.Add(new SkillIssue(SkillIssueCodes.InvalidValue, path, LineOf(entry),
                    $"Frontmatter '{prefix}{field}': '{route.Target}' is already a route; list each target once.", IsError: true));
                continue;
            }

            routes.Add(route);
        }

        return routes;
    }
}
