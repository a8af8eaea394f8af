using System.Text.Json.Nodes;
using AgentFunctions.Core.Skills;
using Microsoft.Extensions.AI;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <content>Structured output: parse the JSON answer, check it against the skill's output_schema, repair once.</content>
public sealed partial class SkillNodeExecutor
{
    private async Task<NodeResult> ParseOrRepairAsync(
        NodeRun run, SkillDefinition skill, IReadOnlyList<ChatMessage> messages, string inputKey, string answer, CancellationToken cancellationToken)
    {
        var (output, problems) = Check(skill, answer);
        if (output is not null)
        {
            return run.Succeed(time, output);
        }

        // One repair attempt: show the model its answer and what is wrong with it.
        var repairMessages = new List<ChatMessage>(messages)
        {
            new(ChatRole.Assistant, answer),
            new(ChatRole.User,
                "Your answer cannot be used: " + problems + "\n\nAnswer again with only one JSON object that follows the Output Format" +
                (skill.OutputSchema is null ? "." : " and this JSON Schema:\n" + skill.OutputSchema.Node?.ToJsonString()) + "\nNo prose, no code fence."),
        };
        var (repaired, error) = await CallAsync(run, skill, repairMessages, inputKey + "#repair", "repair", cancellationToken);
        var (fixedOutput, stillWrong) = repaired is null ? (null, error) : Check(skill, repaired);
        run.Details["repair"] = new JsonObject { ["reason"] = problems, ["succeeded"] = fixedOutput is not null, ["error"] = fixedOutput is null ? stillWrong : null };
        return fixedOutput is not null
            ? run.Succeed(time, fixedOutput)
            : run.Fail(time, $"The model's answer is not valid output for {skill.Id}: {problems}; after one repair attempt: {stillWrong}",
                new JsonObject { ["text"] = repaired ?? answer });
    }

    private static (JsonObject? Output, string? Problems) Check(SkillDefinition skill, string answer)
    {
        var parsed = ModelOutputParser.TryParseJsonObject(answer, out var parseError);
        if (parsed is null)
        {
            return (null, $"it is not a JSON object ({parseError})");
        }

        var errors = skill.OutputSchema?.Validate(parsed) ?? [];
        return errors.Count == 0 ? (parsed, null) : (null, "it does not match the output_schema: " + string.Join("; ", errors));
    }
}
