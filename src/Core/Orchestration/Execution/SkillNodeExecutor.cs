using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Context;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Tools.Workspaces;
using Microsoft.Extensions.AI;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <summary>
/// Runs a skill node: assembles the prompt (layers, input, upstream outputs, repository files) within the node's token
/// budget, checks the estimated cost against the reservation and the skill's per-execution budget before calling the
/// model, calls it through the <see cref="ModelRouter"/> (plan, fallbacks, a budget gate enforcing the node's reservation and the
/// skill's <c>cost_budget_per_execution</c> before every attempt), and parses JSON output when the skill asks for it.
/// </summary>
public sealed class SkillNodeExecutor(SkillCatalog skills, ModelRouter router, WorkspaceManager workspaces, TimeProvider time)
{
    /// <summary>Executes the node.</summary>
    /// <param name="context">The attempt.</param>
    /// <param name="cancellationToken">Cancelled on timeout or shutdown.</param>
    /// <returns>The result; a model or parse failure is a failed result carrying whatever the call cost.</returns>
    public async Task<NodeResult> ExecuteAsync(NodeExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = time.GetUtcNow();
        var node = context.Node;
        var details = new JsonObject();
        NodeResult Fail(string error) => new(node.Id, context.Attempt, false, null, error, started, time.GetUtcNow(), null, null, false, 0, 0, 0, details);

        if (skills.Find(node.Target) is not { } skill)
        {
            return Fail($"Skill '{node.Target}' is not in the skills catalog.");
        }

        details["skill"] = skill.Id;
        details["skill_version"] = skill.Version;
        AssembledPrompt prompt;
        try
        {
            prompt = await AssembleAsync(context, skill, cancellationToken);
        }
        catch (Exception ex) when (ex is GraphExpressionException or ContextBudgetExceededException or DirectoryNotFoundException or ArgumentException)
        {
            return Fail(ex.Message);
        }

        details["manifest"] = JsonSerializer.SerializeToNode(prompt.Manifest, JsonSerializerOptions.Web);
        details["input_key"] = prompt.InputKey;
        ModelPlan plan;
        try
        {
            plan = router.Plan(context.ModelOverride ?? node.Policy.Model, tier: null, skill.Model);
        }
        catch (ArgumentException ex)
        {
            return Fail(ex.Message);
        }

        details["model_reason"] = plan.Reason;
        var maxOutput = node.Policy.MaxOutputTokens ?? skill.MaxOutputTokens;
        details["estimate_usd"] = router.Estimate(plan.Primary, prompt.TokenEstimate, maxOutput);
        var request = new ModelCallRequest(
            skill.Id,
            prompt.InputKey,
            [new ChatMessage(ChatRole.System, prompt.SystemPrompt), new ChatMessage(ChatRole.User, prompt.UserMessage)],
            maxOutput,
            (candidate, estimate) => BudgetGate(context, skill, candidate, estimate))
        {
            Temperature = (float?)skill.Temperature,
            JsonOutput = skill.OutputFormat == "json",
            CacheScope = $"{context.RunId}/{node.Id}/{context.Attempt}",
            PromptTokens = prompt.TokenEstimate,
        };

        ModelCallResult result;
        try
        {
            result = await router.CompleteAsync(plan, request, cancellationToken);
        }
        catch (ModelCallFailedException ex)
        {
            details["attempts"] = ModelAttempts.ToJson(ex.Attempts);
            details["cached"] = false;
            return Fail(ex.RefusedByBudget && ex.Attempts.Count == 1 ? ex.Attempts[0].Error! : ex.Message);
        }

        details["model_reason"] = result.Reason;
        details["attempts"] = ModelAttempts.ToJson(result.Attempts);
        details["cached"] = result.Cached;
        return Complete(context, skill, result, details, started);
    }

    // The gate the router asks before every attempt: the node's reservation and the skill's per-execution budget.
    private static string? BudgetGate(NodeExecutionContext context, SkillDefinition skill, ModelCandidate candidate, decimal estimate)
    {
        if (context.ReservedUsd > 0 && estimate > context.ReservedUsd)
        {
            return $"Budget: estimated cost ${Units.FormatUsd(estimate)} of {candidate.Model} exceeds the ${Units.FormatUsd(context.ReservedUsd)} reserved for this node; stopped before the model call.";
        }

        return skill.CostBudgetPerExecutionUsd is { } cap && estimate > cap
            ? $"Budget: estimated cost ${Units.FormatUsd(estimate)} of {candidate.Model} exceeds the skill's cost_budget_per_execution ${Units.FormatUsd(cap)}; stopped before the model call."
            : null;
    }

    private NodeResult Complete(NodeExecutionContext context, SkillDefinition skill, ModelCallResult result, JsonObject details, DateTimeOffset started)
    {
        var response = result.Response;
        details["usage_reported"] = response.Usage?.InputTokenCount is not null;
        if (result.Recorded)
        {
            details["recording_source"] = response.AdditionalProperties?[ModelCallProperties.RecordingSource] as string;
        }

        JsonNode? output;
        if (skill.OutputFormat == "json")
        {
            output = ModelOutputParser.TryParseJsonObject(response.Text, out var parseError);
            if (output is null)
            {
                return new NodeResult(context.Node.Id, context.Attempt, false, new JsonObject { ["text"] = response.Text },
                    $"The model's answer is not the JSON object the skill asks for: {parseError}", started, time.GetUtcNow(),
                    result.Model, result.Provider, result.Recorded, result.InputTokens, result.OutputTokens, result.CostUsd, details);
            }
        }
        else
        {
            output = new JsonObject { ["text"] = response.Text };
        }

        return new NodeResult(context.Node.Id, context.Attempt, true, output, null, started, time.GetUtcNow(),
            result.Model, result.Provider, result.Recorded, result.InputTokens, result.OutputTokens, result.CostUsd, details);
    }

    private async Task<AssembledPrompt> AssembleAsync(NodeExecutionContext context, SkillDefinition skill, CancellationToken cancellationToken)
    {
        var node = context.Node;
        var input = node.With.Count > 0
            ? GraphExpression.Resolve(node.With, context.Inputs, context.Outputs)?.AsObject() ?? []
            : context.Inputs.DeepClone().AsObject();
        var upstream = node.Needs.Select(id => new KeyValuePair<string, JsonNode?>(id, context.Outputs.GetValueOrDefault(id))).ToList();
        IReadOnlyList<(string, string, int)> files = [];
        if (node.Context is { } c)
        {
            var repository = GraphExpression.Resolve(JsonValue.Create(c.Repository), context.Inputs, context.Outputs)?.GetValue<string>()
                ?? throw new ArgumentException($"Node '{node.Id}': context.repo resolved to null.");
            files = await RepositoryFiles.ReadAsync(workspaces.ResolveRepository(repository), c.Include, cancellationToken);
        }

        return PromptAssembler.Assemble(skill, skills, input, upstream, files, node.Context?.MaxTokens ?? PromptAssembler.DefaultBudgetTokens);
    }
}
