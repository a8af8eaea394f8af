using System.Text.Json.Nodes;
using AgentFunctions.Core.Context;
using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Skills;
using Microsoft.Extensions.AI;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <summary>
/// Executes one skill on an input with an explicit set of learned rules, for regression tests: the same prompt layers as a
/// node execution (the rules as the learned-rules layer), the skill's model plan with fallbacks, the skill's
/// <c>cost_budget_per_execution</c> checked before every attempt, and JSON answers parsed and checked against <c>output_schema</c>.
/// Regression tests re-run the skill on the corrected execution's input; upstream outputs and repository files of a graph
/// node are not replayed.
/// </summary>
public sealed class SkillInvoker(SkillCatalog skills, ModelRouter router, Func<IReadOnlyList<LearnedRule>, LearnedRulesSection> renderRules) : ISkillInvoker
{
    /// <inheritdoc/>
    public async Task<SkillInvocation> InvokeAsync(string skillId, JsonObject input, IReadOnlyList<LearnedRule> rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rules);
        if (skills.Find(skillId) is not { } skill)
        {
            return new SkillInvocation(false, null, $"Skill '{skillId}' is not in the skills catalog.", null, false, 0);
        }

        AssembledPrompt prompt;
        ModelPlan plan;
        try
        {
            prompt = PromptAssembler.Assemble(skill, skills, input, [], [], rules: renderRules(rules));
            plan = router.Plan(skill.Tier is null ? skill.Model : null, skill.Tier?.ToString().ToLowerInvariant(), skill.Model);
        }
        catch (Exception ex) when (ex is ContextBudgetExceededException or ArgumentException)
        {
            return new SkillInvocation(false, null, ex.Message, null, false, 0);
        }

        var request = new ModelCallRequest(skill.Id, prompt.InputKey, [new ChatMessage(ChatRole.System, prompt.SystemPrompt), new ChatMessage(ChatRole.User, prompt.UserMessage)],
            skill.MaxOutputTokens, (candidate, estimate) => skill.CostBudgetPerExecutionUsd is { } cap && estimate > cap
                ? $"Budget: estimated cost ${Units.FormatUsd(estimate)} of {candidate.Model} exceeds the skill's cost_budget_per_execution ${Units.FormatUsd(cap)}."
                : null)
        {
            Temperature = (float?)skill.Temperature,
            JsonOutput = skill.OutputFormat == "json",
        };
        ModelCallResult result;
        try
        {
            result = await router.CompleteAsync(plan, request, cancellationToken);
        }
        catch (ModelCallFailedException ex)
        {
            return new SkillInvocation(false, null, ex.Message, null, false, 0);
        }

        if (skill.OutputFormat != "json")
        {
            var asObject = ModelOutputParser.TryParseJsonObject(result.Text, out _);
            return new SkillInvocation(true, asObject ?? new JsonObject { ["text"] = result.Text }, null, result.Model, result.Recorded, result.CostUsd);
        }

        var output = ModelOutputParser.TryParseJsonObject(result.Text, out var parseError);
        var schemaErrors = output is null ? [] : skill.OutputSchema?.Validate(output) ?? [];
        var error = output is null ? $"The answer is not a JSON object ({parseError})."
            : schemaErrors.Count > 0 ? $"The answer does not match the output_schema: {string.Join("; ", schemaErrors)}." : null;
        return new SkillInvocation(error is null, output ?? new JsonObject { ["text"] = result.Text }, error, result.Model, result.Recorded, result.CostUsd);
    }
}
