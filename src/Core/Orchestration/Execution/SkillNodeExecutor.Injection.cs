using System.Text.Json.Nodes;
using AgentFunctions.Core.Safety;
using AgentFunctions.Core.Safety.Injection;
using AgentFunctions.Core.Skills;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <content>Prompt-injection checks of the untrusted text a node's prompt carries, under its domain's policy.</content>
public sealed partial class SkillNodeExecutor
{
    private InjectionPolicy InjectionPolicyOf(SkillDefinition skill) => (skills.FindDomain(skill.Domain)?.Security ?? DomainSecurityPolicy.Default).PromptInjection;

    private IReadOnlyList<string> UntrustedInputsOf(SkillDefinition skill) => (skills.FindDomain(skill.Domain)?.Security ?? DomainSecurityPolicy.Default).UntrustedInputs;

    /// <summary>Scans repository files and untrusted input fields; records findings; applies block or approve before any model call.</summary>
    /// <returns>Null to go on, else the node's error (block) or the hold request (approve).</returns>
    private string? CheckUntrusted(NodeRun run, SkillDefinition skill, JsonObject input, IReadOnlyList<(string Path, string Content, int PatternIndex)> files)
    {
        var findings = new List<InjectionFinding>();
        foreach (var (path, content, _) in files)
        {
            findings.AddRange(InjectionDetector.Scan($"file:{path}", content));
        }

        foreach (var field in UntrustedInputsOf(skill))
        {
            if (input[field] is { } value)
            {
                findings.AddRange(InjectionDetector.Scan($"input:{field}", value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()));
            }
        }

        if (findings.Count == 0)
        {
            return null;
        }

        var policy = InjectionPolicyOf(skill);
        var approved = run.Context.InjectionApproved;
        var action = policy switch
        {
            InjectionPolicy.Block => "blocked",
            InjectionPolicy.Approve when !approved => "held",
            InjectionPolicy.Approve => "approved",
            _ => "warned",
        };
        RecordFindings(run, policy, findings, action);
        var summary = string.Join("; ", findings.Select(f => $"{f.Source} matched {f.Rule} (\"{Clip(f.Span)}\")"));
        return action switch
        {
            "blocked" => $"Prompt injection: {summary}; domain '{skill.Domain}' has security.prompt_injection: block, so the node failed before the model call.",
            "held" => $"Prompt injection: {summary}; domain '{skill.Domain}' has security.prompt_injection: approve, so the run waits for a human before the model call.",
            _ => null,
        };
    }

    /// <summary>Adds findings to <c>details.prompt_injection</c>: <c>{ policy, findings: [{ source, rule, start, span, action }] }</c>.</summary>
    private static void RecordFindings(NodeRun run, InjectionPolicy policy, IEnumerable<InjectionFinding> findings, string action)
    {
        if (run.Details["prompt_injection"] is not JsonObject details)
        {
            run.Details["prompt_injection"] = details = new JsonObject { ["policy"] = policy.ToString().ToLowerInvariant(), ["findings"] = new JsonArray() };
        }

        foreach (var f in findings)
        {
            details["findings"]!.AsArray().Add(new JsonObject { ["source"] = f.Source, ["rule"] = f.Rule, ["start"] = f.Start, ["span"] = f.Span, ["action"] = action });
        }

        if (action == "held")
        {
            details["held"] = true;
        }
    }

    private static string Clip(string span) => span.Length > 80 ? span[..80] + "…" : span;
}
