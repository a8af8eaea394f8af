using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Safety;
using AgentFunctions.Core.Safety.Pii;
using AgentFunctions.Core.Skills;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <content>The PII session of a node's model calls, under the policy of the called skill's domain.</content>
public sealed partial class SkillNodeExecutor
{
    /// <summary>Gets the node's PII session for the skill's domain (one per domain per attempt), or null under <c>off</c>.</summary>
    private PiiSession? PiiFor(NodeRun run, SkillDefinition skill)
    {
        var policy = skills.FindDomain(skill.Domain)?.Security ?? DomainSecurityPolicy.Default;
        if (policy.Pii == PiiPolicy.Off)
        {
            return null;
        }

        if (!run.Pii.TryGetValue(skill.Domain, out var session))
        {
            var names = policy.PiiNameFields.SelectMany(f => Names(run.Input?[f])).ToList();
            run.Pii[skill.Domain] = session = new PiiSession(run.Context.RunId, skill.Domain, policy.Pii, names, piiVault);
        }

        return session;
    }

    // A name field holds a name, or an array of names; each name also counts by its words of three letters or more.
    private static IEnumerable<string> Names(JsonNode? value) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } name =>
            [name, .. name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(w => w.Length >= 3)],
        JsonArray a => a.SelectMany(Names),
        _ => [],
    };
}
