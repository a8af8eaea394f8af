using AgentFunctions.Core.Context;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Models.ToolCalling;
using AgentFunctions.Core.Skills;
using Microsoft.Extensions.AI;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <content>One model call through the router, under the node's budget gate.</content>
public sealed partial class SkillNodeExecutor
{
    private static List<ChatMessage> Messages(string system, string user) =>
        [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, user)];

    /// <summary>Calls the skill's model (or the node's, or the orchestrator's downgrade); records the call in the ledger.</summary>
    /// <returns>The answer's text, or an error (budget refusal, every candidate failed, bad model configuration).</returns>
    private async Task<(string? Text, string? Error)> CallAsync(
        NodeRun run, SkillDefinition skill, IReadOnlyList<ChatMessage> messages, string inputKey, string purpose, CancellationToken cancellationToken, ToolSession? tools = null)
    {
        var context = run.Context;
        if (context.Replay is { Mode: "recorded" } replay
            && await replays.FindAsync(replay.ParentRunId, context.Node.Id, inputKey, cancellationToken) is { } earlier)
        {
            run.Ledger.AddReplayed(earlier.Model, replay.ParentRunId, purpose);
            run.Details["replayed_from"] = replay.ParentRunId;
            if (earlier.ToolCalls is { } recordedCalls)
            {
                // The answer was reached with these tool calls; the replay reuses their recorded results and runs no tool.
                run.Details["replayed_tool_calls"] = recordedCalls.DeepClone();
            }

            Remember(run, inputKey, earlier.Text);
            return (earlier.Text, null);
        }

        var pii = PiiFor(run, skill);
        IReadOnlyDictionary<Safety.Pii.PiiKind, int> found;
        try
        {
            found = pii?.Policy == Safety.PiiPolicy.Block ? pii.Scan(messages) : new Dictionary<Safety.Pii.PiiKind, int>();
        }
        catch (Safety.Pii.PiiBlockedException ex)
        {
            return (null, ex.Message);
        }

        if (pii is not null && found.Count > 0)
        {
            run.Details["pii"] = new System.Text.Json.Nodes.JsonObject
            {
                ["policy"] = "block",
                ["blocked"] = new System.Text.Json.Nodes.JsonObject([.. found.Select(kv => KeyValuePair.Create(kv.Key.ToString().ToLowerInvariant(), (System.Text.Json.Nodes.JsonNode?)kv.Value))]),
            };
            return (null, pii.BlockedMessage(found, "the prompt"));
        }

        ModelPlan plan;
        try
        {
            plan = ModelChoice.For(skill, context.Node.Policy, context.ModelOverride).Plan(router, skill);
        }
        catch (ArgumentException ex)
        {
            return (null, ex.Message);
        }

        var maxOutput = context.Node.Policy.MaxOutputTokens ?? skill.MaxOutputTokens;
        var promptTokens = TokenCounter.Count(string.Concat(messages.Select(m => m.Text)), plan.Primary.ProviderModel);
        run.Details["model_reason"] = plan.Reason;
        run.Details["estimate_usd"] ??= router.Estimate(plan.Primary, promptTokens, maxOutput);
        var request = new ModelCallRequest(skill.Id, inputKey, messages, maxOutput, (candidate, estimate) => BudgetGate(run, skill, candidate, estimate))
        {
            Temperature = (float?)skill.Temperature,
            JsonOutput = skill.OutputFormat == "json" || purpose == "routing",
            CacheScope = context.Iteration > 1
                ? $"{context.RunId}/{context.Node.Id}/i{context.Iteration}/{context.Attempt}/{purpose}"
                : $"{context.RunId}/{context.Node.Id}/{context.Attempt}/{purpose}",
            PromptTokens = promptTokens,
            Tools = tools,
            Pii = pii,
        };
        try
        {
            var result = await router.CompleteAsync(plan, request, cancellationToken);
            run.Ledger.Add(result, purpose);
            if (result.Recorded)
            {
                run.Details["recording_source"] = result.Response.AdditionalProperties?[ModelCallProperties.RecordingSource] as string;
            }

            run.Details["usage_reported"] = result.Response.Usage?.InputTokenCount is not null;
            Remember(run, inputKey, result.Text);
            return (result.Text, null);
        }
        catch (ModelCallFailedException ex)
        {
            run.Ledger.AddFailed(ex, purpose);
            return (null, ex.RefusedByBudget && ex.Attempts.Count == 1 ? ex.Attempts[0].Error! : ex.Message);
        }
    }

    // Keeps every answer the node received, by request key, so a recorded replay of this run can reuse it.
    private static void Remember(NodeRun run, string inputKey, string text)
    {
        if (run.Details["responses"] is not System.Text.Json.Nodes.JsonObject responses)
        {
            run.Details["responses"] = responses = [];
        }

        responses[inputKey] = text;
    }

    // The gate the router asks before every attempt: everything this node attempt has spent plus this call must fit the
    // node's reservation, and this call must fit the skill's per-execution budget.
    private static string? BudgetGate(NodeRun run, SkillDefinition skill, ModelCandidate candidate, decimal estimate)
    {
        var reserved = run.Context.ReservedUsd;
        var spent = run.Ledger.CostUsd;
        if (reserved > 0 && spent + estimate > reserved)
        {
            return $"Budget: estimated cost ${Units.FormatUsd(estimate)} of {candidate.Model}" +
                   (spent > 0 ? $" on top of ${Units.FormatUsd(spent)} already spent by this node" : string.Empty) +
                   $" exceeds the ${Units.FormatUsd(reserved)} reserved for this node; stopped before the model call.";
        }

        return skill.CostBudgetPerExecutionUsd is { } cap && estimate > cap
            ? $"Budget: estimated cost ${Units.FormatUsd(estimate)} of {candidate.Model} exceeds the skill's cost_budget_per_execution ${Units.FormatUsd(cap)}; stopped before the model call."
            : null;
    }
}
