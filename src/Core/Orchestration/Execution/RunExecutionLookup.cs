using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Orchestration.Storage;
using AgentFunctions.Core.Skills;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <summary>Finds a finished skill execution in the run store: the node's skill, version, input, output and model, with the skill's output_schema from the catalog.</summary>
/// <param name="store">The run store.</param>
/// <param name="skills">The skills catalog (for the output_schema).</param>
public sealed class RunExecutionLookup(IRunStore store, SkillCatalog skills) : IExecutionLookup
{
    /// <inheritdoc/>
    public async Task<ExecutionRecord?> FindAsync(string runId, string nodeId, CancellationToken cancellationToken = default)
    {
        if ((await store.ReadAsync(runId, cancellationToken))?.Nodes.GetValueOrDefault(nodeId) is not { } node)
        {
            return null;
        }

        if (node.Status != NodeStatus.Succeeded || node.Details?["skill"]?.GetValue<string>() is not { } skill)
        {
            return null;
        }

        return new ExecutionRecord(
            runId,
            nodeId,
            node.Attempt,
            skill,
            node.Details["skill_version"]?.GetValue<string>() ?? string.Empty,
            node.Details["input"] as JsonObject is { } input ? input.DeepClone().AsObject() : [],
            node.Output?.DeepClone(),
            node.Model,
            node.CompletedAt ?? DateTimeOffset.MinValue)
        {
            OutputSchema = skills.Find(skill)?.OutputSchema?.Node?.DeepClone() as JsonObject,
        };
    }
}
