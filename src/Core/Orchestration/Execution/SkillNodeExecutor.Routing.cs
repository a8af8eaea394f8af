using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Context;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Skills.Routing;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <content>Routing by role: a manager skill chooses the specialist that handles the input.</content>
public sealed partial class SkillNodeExecutor
{
    /// <summary>
    /// Chooses the specialist for a manager skill: with a live model, the manager's model classifies the input against
    /// its <c>routes_to</c> (answering <c>{"route", "reason"}</c>); without one, keyword rules score the <c>when</c> keywords.
    /// The decision goes into the node's details (and from there into a <c>routing_decided</c> event).
    /// </summary>
    /// <returns>The chosen skill, or an error saying why none was chosen.</returns>
    private async Task<(SkillDefinition? Skill, string? Error)> RouteAsync(NodeRun run, SkillDefinition manager, JsonObject input, CancellationToken cancellationToken)
    {
        RouteDecision decision;
        if (router.HasLiveModel)
        {
            var prompt = SkillRouter.BuildModelPrompt(manager.RoutesTo, input);
            var (text, error) = await CallAsync(run, manager, Messages(prompt.SystemPrompt, prompt.UserMessage),
                PromptAssembler.InputKey(manager.Id + "#route", prompt.UserMessage), "routing", cancellationToken);
            if (error is not null)
            {
                return (null, $"Routing by {manager.Id} failed: {error}");
            }

            decision = SkillRouter.ParseModelAnswer(manager.RoutesTo, text);
        }
        else
        {
            decision = SkillRouter.ClassifyByKeywords(manager.RoutesTo, input);
        }

        run.Details["routing"] = new JsonObject
        {
            ["manager"] = manager.Id,
            ["route"] = decision.Route,
            ["method"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(decision.Method.ToString()),
            ["reason"] = decision.Reason,
            ["scores"] = JsonSerializer.SerializeToNode(decision.Scores, JsonSerializerOptions.Web),
        };
        if (decision.Route is null)
        {
            return (null, $"{manager.Id} could not route this input: {decision.Reason}");
        }

        var target = skills.Find(decision.Route);
        if (target is null)
        {
            return (null, $"{manager.Id} routed to '{decision.Route}', which is not a loaded skill (a route must name domain/skill).");
        }

        run.Details["routed_to"] = target.Id;
        run.Details["skill"] = target.Id;
        run.Details["skill_version"] = target.Version;
        return (target, null);
    }
}
