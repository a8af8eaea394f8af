using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Context;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Models.Recorded;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Tools.Workspaces;
using Microsoft.Extensions.AI;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <summary>
/// Runs a skill node: assembles the prompt (layers, input, upstream outputs, repository files) within the node's token
/// budget, checks the estimated cost against the reservation and the skill's per-execution budget before calling the
/// model, calls the chosen provider, prices the actual usage and parses JSON output when the skill asks for it.
/// </summary>
public sealed class SkillNodeExecutor(SkillCatalog skills, ModelRouter router, PriceTable prices, WorkspaceManager workspaces, TimeProvider time)
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
        var selection = router.Select(context.ModelOverride ?? node.Policy.Model ?? skill.Model);
        details["model_reason"] = selection.Reason;
        var maxOutput = node.Policy.MaxOutputTokens ?? skill.MaxOutputTokens;
        var price = prices.Find(selection.Model);
        var estimate = price?.Cost(prompt.TokenEstimate, maxOutput) ?? 0;
        details["estimate_usd"] = estimate;
        if (context.ReservedUsd > 0 && estimate > context.ReservedUsd)
        {
            return Fail($"Budget: estimated cost ${Units.FormatUsd(estimate)} exceeds the ${Units.FormatUsd(context.ReservedUsd)} reserved for this node; stopped before the model call.");
        }

        if (skill.CostBudgetPerExecutionUsd is { } cap && estimate > cap)
        {
            return Fail($"Budget: estimated cost ${Units.FormatUsd(estimate)} exceeds the skill's cost_budget_per_execution ${Units.FormatUsd(cap)}; stopped before the model call.");
        }

        ChatResponse response;
        try
        {
            response = await selection.Client.GetResponseAsync(
                [new ChatMessage(ChatRole.System, prompt.SystemPrompt), new ChatMessage(ChatRole.User, prompt.UserMessage)],
                Options(skill, selection, maxOutput, prompt),
                cancellationToken);
        }
        catch (RecordingNotFoundException ex)
        {
            return Fail(ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.ClientModel.ClientResultException)
        {
            details["model_call_failed"] = $"{selection.Provider}/{selection.ProviderModel}";
            return Fail($"Model call to {selection.Provider} ({selection.ProviderModel}) failed: {ex.Message}");
        }

        return Complete(context, skill, selection, prompt, response, details, started);
    }

    private NodeResult Complete(NodeExecutionContext context, SkillDefinition skill, ModelSelection selection, AssembledPrompt prompt, ChatResponse response, JsonObject details, DateTimeOffset started)
    {
        var recorded = response.AdditionalProperties?.TryGetValue(ModelCallProperties.Recorded, out var r) == true && r is true;
        var inTokens = response.Usage?.InputTokenCount ?? TokenEstimator.Estimate(prompt.SystemPrompt + prompt.UserMessage);
        var outTokens = response.Usage?.OutputTokenCount ?? TokenEstimator.Estimate(response.Text);
        details["usage_reported"] = response.Usage?.InputTokenCount is not null;
        var model = recorded && response.ModelId is { } recordedModel && prices.Find(recordedModel) is not null ? recordedModel : selection.Model;
        var cost = prices.Find(model)?.Cost(inTokens, outTokens) ?? 0;
        if (recorded)
        {
            details["recording_source"] = response.AdditionalProperties![ModelCallProperties.RecordingSource] as string;
        }

        JsonNode? output;
        if (skill.OutputFormat == "json")
        {
            output = ModelOutputParser.TryParseJsonObject(response.Text, out var parseError);
            if (output is null)
            {
                return new NodeResult(context.Node.Id, context.Attempt, false, new JsonObject { ["text"] = response.Text },
                    $"The model's answer is not the JSON object the skill asks for: {parseError}", started, time.GetUtcNow(),
                    model, selection.Provider, recorded, inTokens, outTokens, cost, details);
            }
        }
        else
        {
            output = new JsonObject { ["text"] = response.Text };
        }

        return new NodeResult(context.Node.Id, context.Attempt, true, output, null, started, time.GetUtcNow(),
            model, selection.Provider, recorded, inTokens, outTokens, cost, details);
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

    private static ChatOptions Options(SkillDefinition skill, ModelSelection selection, int maxOutput, AssembledPrompt prompt) => new()
    {
        ModelId = selection.ProviderModel,
        MaxOutputTokens = maxOutput,
        Temperature = (float?)skill.Temperature,
        ResponseFormat = skill.OutputFormat == "json" ? ChatResponseFormat.Json : null,
        AdditionalProperties = new AdditionalPropertiesDictionary
        {
            [ModelCallProperties.SkillId] = skill.Id,
            [ModelCallProperties.InputKey] = prompt.InputKey,
        },
    };
}
