using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Orchestration.Messages;

/// <summary>
/// A request to start a run: the body of <c>POST /api/runs</c> and, unchanged, a message on the <c>run-requests</c> queue.
/// Exactly one of <paramref name="Graph"/> and <paramref name="GraphYaml"/> is required.
/// </summary>
/// <param name="Graph">Name of a graph in the catalog (<c>graphs/&lt;name&gt;.yaml</c>).</param>
/// <param name="GraphYaml">A graph given inline as YAML text (validated the same way).</param>
/// <param name="Inputs">Run inputs by name; missing ones take the graph's defaults.</param>
/// <param name="RunId">Optional client-chosen run id (<c>[A-Za-z0-9-]</c>, 3–64): submitting the same id twice starts one run.</param>
public sealed record RunRequest(string? Graph, string? GraphYaml, JsonObject? Inputs, string? RunId);
