using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Tools;

/// <summary>One call of a tool by a node.</summary>
/// <param name="RunId">The run.</param>
/// <param name="NodeId">The node, or the instance of a <c>for_each</c> node (<c>review[3]</c>).</param>
/// <param name="Attempt">1-based attempt number of the node.</param>
/// <param name="Arguments">The node's <c>with:</c> map with every expression resolved to a JSON value.</param>
public sealed record ToolInvocation(string RunId, string NodeId, int Attempt, JsonObject Arguments)
{
    /// <summary>Gets the 1-based loop iteration of the node (1 outside loops).</summary>
    public int Iteration { get; init; } = 1;
}

/// <summary>What a tool returns.</summary>
/// <param name="Succeeded">False when the tool ran but its check failed (tests failed, a security finding); the node then fails.</param>
/// <param name="Output">The tool's JSON output (recorded on the node and readable by later nodes as <c>nodes.id.output</c>).</param>
/// <param name="Error">A human-readable reason when <paramref name="Succeeded"/> is false, else null.</param>
public sealed record ToolResult(bool Succeeded, JsonObject Output, string? Error = null);
