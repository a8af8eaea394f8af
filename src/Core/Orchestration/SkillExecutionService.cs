using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentFunctions.Core.Context;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Skills;

namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// Executes one skill on its own: as a one-node run (so it is durable, budgeted, and addressable later as run + node, with
/// the node id equal to the skill name), or as a dry run that assembles the prompt and estimates the cost without calling a model.
/// An empty input falls back to the skill's <c>fixtures/sample_input.json</c>, as Agentura does.
/// </summary>
public sealed partial class SkillExecutionService(SkillCatalog skills, RunService runs, PriceTable prices, ModelRouter router)
{
    /// <summary>Gets the model a call of the skill would go to now: the override, the skill's model, or for a skill with a
    /// <c>tier:</c> the model the router picks for that tier (see <see cref="ModelChoice"/>).</summary>
    /// <param name="skill">The skill.</param>
    /// <param name="model">A model override, or null.</param>
    /// <returns>The model id, the tier asked for (or null), and why; for a tier without a servable model, the skill's model and the router's reason.</returns>
    public (string Model, string? Tier, string Reason) ModelOf(SkillDefinition skill, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(skill);
        var choice = ModelChoice.For(skill, null, model);
        if (choice.Model is { } explicitModel)
        {
            return (explicitModel, null, model is null ? $"the skill's model {explicitModel}" : $"the override {explicitModel}");
        }

        try
        {
            var plan = choice.Plan(router, skill);
            return (plan.Primary.Model, choice.TierName, plan.Reason);
        }
        catch (ArgumentException ex)
        {
            return (skill.Model, choice.TierName, ex.Message);
        }
    }

    /// <summary>Assembles what a call of the skill would send, without calling a model.</summary>
    /// <param name="skill">The skill.</param>
    /// <param name="input">The input, or null/empty for the fixture.</param>
    /// <param name="model">A model override, or null for the skill's.</param>
    /// <returns>The prompt, its manifest and the estimated cost of the call.</returns>
    /// <exception cref="ContextBudgetExceededException">The prompt alone exceeds the default context budget.</exception>
    public SkillDryRun DryRun(SkillDefinition skill, JsonObject? input, string? model)
    {
        ArgumentNullException.ThrowIfNull(skill);
        var resolved = InputOrFixture(skill, input);
        var (chosen, _, _) = ModelOf(skill, model);
        var prompt = PromptAssembler.Assemble(skill, skills, resolved, [], [], modelId: chosen);
        var price = prices.Find(chosen);
        var estimate = price?.Cost(prompt.TokenEstimate, skill.MaxOutputTokens);
        return new SkillDryRun(skill.Id, skill.Version, chosen, resolved, prompt.SystemPrompt, prompt.UserMessage, prompt.Manifest,
            prompt.TokenEstimate, skill.MaxOutputTokens, estimate,
            price is null ? $"model '{chosen}' has no price, so the cost cannot be estimated" : "prompt tokens × input price + max output tokens × output price");
    }

    /// <summary>Starts a one-node run of the skill.</summary>
    /// <param name="skill">The skill.</param>
    /// <param name="input">The input, or null/empty for the fixture.</param>
    /// <param name="model">A model override, or null for the skill's.</param>
    /// <param name="client">The host's Durable Task client.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The run outcome (accepted, or invalid input).</returns>
    public Task<CreateRunOutcome> StartAsync(SkillDefinition skill, JsonObject? input, string? model, Microsoft.DurableTask.Client.DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(skill);
        var resolved = InputOrFixture(skill, input);
        return runs.CreateAsync(new RunRequest(null, GraphFor(skill, resolved, model), resolved, null), "http", client, caller: null, cancellationToken); // the endpoint checked the skill's domain
    }

    /// <summary>Gets the node id a skill's one-node run uses (the skill name).</summary>
    /// <param name="skill">The skill.</param>
    /// <returns>The node id.</returns>
    public static string NodeIdOf(SkillDefinition skill) => skill?.Name ?? throw new ArgumentNullException(nameof(skill));

    /// <summary>Builds the one-node graph: every input key is a declared input of its JSON type, and the node reads them all.</summary>
    /// <param name="skill">The skill.</param>
    /// <param name="input">The input.</param>
    /// <param name="model">A model override, or null.</param>
    /// <returns>The graph YAML.</returns>
    /// <exception cref="ArgumentException">An input key is not a valid input name (letters, digits, underscores).</exception>
    public static string GraphFor(SkillDefinition skill, JsonObject input, string? model)
    {
        ArgumentNullException.ThrowIfNull(skill);
        ArgumentNullException.ThrowIfNull(input);
        var name = $"skill-{skill.Domain}-{skill.Name}".ToLowerInvariant();
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"name: {(name.Length > 63 ? name[..63] : name)}\n");
        if (input.Count > 0)
        {
            yaml.Append("inputs:\n");
            foreach (var (key, value) in input)
            {
                if (!InputName().IsMatch(key))
                {
                    throw new ArgumentException($"Input key '{key}' must be letters, digits and underscores, starting with a letter or underscore.", nameof(input));
                }

                yaml.Append(CultureInfo.InvariantCulture, $"  {key}: {{ type: {TypeOf(value)} }}\n");
            }
        }

        yaml.Append(CultureInfo.InvariantCulture, $"nodes:\n  {NodeIdOf(skill)}:\n    skill: {skill.Id}\n");
        if (model is not null)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"    model: {JsonSerializer.Serialize(model)}\n");
        }

        return yaml.ToString();
    }

    private static string TypeOf(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "string",
    };

    private static JsonObject InputOrFixture(SkillDefinition skill, JsonObject? input)
    {
        if (input is { Count: > 0 })
        {
            return input;
        }

        var fixture = Path.Combine(Path.GetDirectoryName(skill.Path)!, "fixtures", "sample_input.json");
        return File.Exists(fixture) && JsonNode.Parse(File.ReadAllText(fixture)) is JsonObject sample ? sample : [];
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex InputName();
}

/// <summary>The result of a dry run: what a call would send and cost; no model is called.</summary>
/// <param name="Skill">The skill id.</param>
/// <param name="Version">The skill version (content hash).</param>
/// <param name="Model">The model that would be called (for a skill with a <c>tier:</c>, the model the router picks for it).</param>
/// <param name="Input">The input used (the fixture when none was given).</param>
/// <param name="SystemPrompt">The system prompt: workspace, domain and skill layers.</param>
/// <param name="UserMessage">The user message.</param>
/// <param name="Manifest">What went into the prompt, with token estimates and drops.</param>
/// <param name="PromptTokens">Prompt tokens, counted in the model's encoding (see <see cref="TokenCounter"/>).</param>
/// <param name="MaxOutputTokens">The output token cap used for the estimate.</param>
/// <param name="EstimateUsd">Upper bound of the call's cost in USD, or null when the model has no price.</param>
/// <param name="EstimateBasis">How the estimate was computed.</param>
public sealed record SkillDryRun(
    string Skill,
    string Version,
    string Model,
    JsonObject Input,
    string SystemPrompt,
    string UserMessage,
    ContextManifest Manifest,
    int PromptTokens,
    int MaxOutputTokens,
    decimal? EstimateUsd,
    string EstimateBasis);
