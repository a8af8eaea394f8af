using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Graphs;

/// <summary>The item one instance of a <c>for_each</c> node runs for: read as <c>${{ item }}</c> and <c>${{ item_index }}</c>.</summary>
/// <param name="Value">The list element (any JSON value).</param>
/// <param name="Index">Its 0-based position in the list.</param>
public sealed record ForEachItem(JsonNode? Value, int Index);
