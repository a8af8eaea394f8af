using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning;

namespace AgentFunctions.Core.Tests.Learning;

/// <summary>A scripted skill: its output depends on the input and on which rules are in the prompt; records every call.</summary>
public sealed class FakeSkillInvoker : ISkillInvoker
{
    /// <summary>Gets or sets the script: (input, injected rule ids) → output, or null for a failed invocation.</summary>
    public Func<JsonObject, IReadOnlyList<string>, JsonNode?> Script { get; set; } = (_, _) => new JsonObject();

    /// <summary>Gets the calls: the rule ids injected in each.</summary>
    public ConcurrentQueue<IReadOnlyList<string>> Calls { get; } = new();

    /// <summary>A skill that answers <paramref name="good"/> when <paramref name="ruleId"/> is injected, else <paramref name="bad"/>.</summary>
    public static FakeSkillInvoker Learns(string ruleId, string good, string bad) =>
        new() { Script = (_, rules) => JsonNode.Parse(rules.Contains(ruleId) ? good : bad) };

    public Task<SkillInvocation> InvokeAsync(string skillId, JsonObject input, IReadOnlyList<LearnedRule> rules, CancellationToken cancellationToken = default)
    {
        var ids = rules.Select(r => r.Id).ToList();
        Calls.Enqueue(ids);
        var output = Script(input, ids);
        return Task.FromResult(output is null
            ? new SkillInvocation(false, null, "model unavailable", null, false, 0m)
            : new SkillInvocation(true, output, null, "fake/model", true, 0.001m));
    }
}
