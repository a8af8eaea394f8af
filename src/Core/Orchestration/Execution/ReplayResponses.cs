using System.Text.Json.Nodes;
using AgentFunctions.Core.Orchestration.Storage;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <summary>Finds the model answers a run's node received, by request key, for recorded replays of that run.</summary>
public sealed class ReplayResponses(IRunStore store)
{
    /// <summary>Finds the answer a parent run's node received for the same request.</summary>
    /// <param name="parentRunId">The parent run.</param>
    /// <param name="nodeId">The node.</param>
    /// <param name="inputKey">The request key (skill, user message and learned rules, hashed).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The answer, the model that gave it and the tool calls the parent's node made (null without), or null when the
    /// parent never made that request.</returns>
    public async Task<(string Text, string? Model, JsonArray? ToolCalls)?> FindAsync(string parentRunId, string nodeId, string inputKey, CancellationToken cancellationToken = default)
    {
        foreach (var result in (await store.ReadResultsAsync(parentRunId, cancellationToken)).Where(r => r.NodeId == nodeId).OrderByDescending(r => r.Attempt))
        {
            if (result.Details?["responses"]?[inputKey]?.GetValue<string>() is { } text)
            {
                return (text, result.Model, result.Details?["tool_calls"] as JsonArray);
            }
        }

        return null;
    }
}
