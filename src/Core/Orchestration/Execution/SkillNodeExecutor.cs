using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Context;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Tools.Agent;
using AgentFunctions.Core.Tools.Mcp;
using AgentFunctions.Core.Tools.Workspaces;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <summary>
/// Runs a skill node: checks the input against the skill's <c>input_schema</c>; injects the learned rules that apply
/// (<c>## Learned Rules (from past corrections)</c>, listed in the manifest with those left out); for a <c>manager</c> skill with
/// <c>routes_to</c>, chooses the specialist (a model classification when a live model is configured, keyword rules
/// otherwise) and runs that instead; assembles the prompt within the node's token budget; calls the model through the
/// <see cref="ModelRouter"/> with a budget gate before every attempt (the node's reservation, counting every call the node
/// makes, and the skill's <c>cost_budget_per_execution</c>); and for JSON skills parses the answer and checks it against
/// <c>output_schema</c>, asking the model once to repair an invalid answer before failing with the reasons. A skill (or node) with
/// <c>tools:</c> gives its model those tools: project tools on the node's repository and the tools of its domain's MCP servers; each
/// call is checked, bounded and recorded in <c>details.tool_calls</c>, and every model turn is gated and priced. PII in every model turn is
/// redacted to run tokens (or refused) under the skill's domain policy, <c>details.pii</c> counting what was found.
/// </summary>
public sealed partial class SkillNodeExecutor(
    SkillCatalog skills, ModelRouter router, WorkspaceManager workspaces, LearningService learning, IOptions<LearningOptions> learningOptions, ReplayResponses replays,
    ProjectTools projectTools, McpToolSource mcpTools, Safety.Pii.IPiiTokenVault piiVault, TimeProvider time)
{
    /// <summary>Executes the node.</summary>
    /// <param name="context">The attempt.</param>
    /// <param name="cancellationToken">Cancelled on timeout or shutdown.</param>
    /// <returns>The result; a model, routing or output failure is a failed result carrying whatever the calls cost.</returns>
    public async Task<NodeResult> ExecuteAsync(NodeExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = new NodeRun(context, time.GetUtcNow());
        if (skills.Find(context.Node.Target) is not { } skill)
        {
            return run.Fail(time, $"Skill '{context.Node.Target}' is not in the skills catalog.");
        }

        run.Details["skill"] = skill.Id;
        run.Details["skill_version"] = skill.Version;
        JsonObject input;
        try
        {
            input = ResolveInput(context);
        }
        catch (GraphExpressionException ex)
        {
            return run.Fail(time, ex.Message);
        }

        run.Input = input;
        if (skill.InputSchema?.Validate(input) is { Count: > 0 } inputErrors)
        {
            return run.Fail(time, $"The input does not match the input_schema of {skill.Id}: {string.Join("; ", inputErrors)}.");
        }

        if (skill.Role == "manager" && skill.RoutesTo.Count > 0)
        {
            var routed = await RouteAsync(run, skill, input, cancellationToken);
            if (routed.Skill is null)
            {
                return run.Fail(time, routed.Error!);
            }

            skill = routed.Skill;
            if (skill.InputSchema?.Validate(input) is { Count: > 0 } routedErrors)
            {
                return run.Fail(time, $"Routed to {skill.Id}, but the input does not match its input_schema: {string.Join("; ", routedErrors)}.");
            }
        }

        return await ExecuteSkillAsync(run, skill, input, cancellationToken);
    }

    private async Task<NodeResult> ExecuteSkillAsync(NodeRun run, SkillDefinition skill, JsonObject input, CancellationToken cancellationToken)
    {
        AssembledPrompt prompt;
        try
        {
            var files = await FilesAsync(run.Context, cancellationToken);
            if (CheckUntrusted(run, skill, input, files) is { } refusal)
            {
                return run.Fail(time, refusal);
            }

            prompt = await AssembleAsync(run.Context, skill, input, files, cancellationToken);
        }
        catch (Exception ex) when (ex is GraphExpressionException or ContextBudgetExceededException or DirectoryNotFoundException or ArgumentException)
        {
            return run.Fail(time, ex.Message);
        }

        run.Details["manifest"] = JsonSerializer.SerializeToNode(prompt.Manifest, JsonSerializerOptions.Web);
        run.Details["input"] = input.DeepClone();
        run.Details["input_key"] = prompt.InputKey;
        var messages = Messages(prompt.SystemPrompt, prompt.UserMessage);
        var tools = await ToolsAsync(run, skill, input, cancellationToken);
        if (tools.Error is not null)
        {
            return run.Fail(time, tools.Error);
        }

        var answer = await CallAsync(run, skill, messages, prompt.InputKey, "skill", cancellationToken, tools.Session);
        if (tools.Session is { Findings.Count: > 0 } session)
        {
            var action = session.InjectionPolicy switch { Safety.InjectionPolicy.Block => "blocked", Safety.InjectionPolicy.Approve => "held", _ => "warned" };
            RecordFindings(run, InjectionPolicyOf(skill), session.Findings, action);
        }
        if (answer.Error is not null)
        {
            return run.Fail(time, answer.Error);
        }

        if (skill.OutputFormat != "json")
        {
            // As Agentura: an answer that is a JSON object is the output; anything else is kept as text.
            return run.Succeed(time, ModelOutputParser.TryParseJsonObject(answer.Text, out _) ?? new JsonObject { ["text"] = answer.Text });
        }

        return await ParseOrRepairAsync(run, skill, messages, prompt.InputKey, answer.Text!, cancellationToken);
    }

    private static JsonObject ResolveInput(NodeExecutionContext context) =>
        context.Node.With.Count > 0
            ? GraphExpression.Resolve(context.Node.With, context.Inputs, context.Outputs, context.Item)?.AsObject() ?? []
            : context.Inputs.DeepClone().AsObject();

    private async Task<IReadOnlyList<(string Path, string Content, int PatternIndex)>> FilesAsync(NodeExecutionContext context, CancellationToken cancellationToken)
    {
        if (context.Node.Context is not { Repository: not null } c)
        {
            return [];
        }

        var repository = GraphExpression.Resolve(JsonValue.Create(c.Repository), context.Inputs, context.Outputs, context.Item)?.GetValue<string>()
            ?? throw new ArgumentException($"Node '{context.Node.Id}': context.repo resolved to null.");
        return await RepositoryFiles.ReadAsync(workspaces.ResolveRepository(repository), c.Include, cancellationToken);
    }

    private async Task<AssembledPrompt> AssembleAsync(
        NodeExecutionContext context, SkillDefinition skill, JsonObject input, IReadOnlyList<(string Path, string Content, int PatternIndex)> files, CancellationToken cancellationToken)
    {
        var node = context.Node;
        var upstream = node.Needs.Select(id => new KeyValuePair<string, JsonNode?>(id, context.Outputs.GetValueOrDefault(id))).ToList();
        var selection = await learning.SelectRulesAsync(skill.Id, input, learningOptions.Value.MaxInjectedRules, cancellationToken);
        var rules = new LearnedRulesSection(
            selection.RenderBlock(),
            new RulesManifest([.. selection.Injected.Select(r => r.Id)], [.. selection.LeftOut.Select(r => new RuleLeftOut(r.RuleId, r.Reason))]));
        return PromptAssembler.Assemble(skill, skills, input, upstream, files, node.Context?.MaxTokens ?? PromptAssembler.DefaultBudgetTokens, rules,
            ModelChoice.For(skill, node.Policy, context.ModelOverride).Model, untrustedInput: UntrustedInputsOf(skill).Any(input.ContainsKey));
    }
}
