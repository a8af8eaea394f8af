namespace AgentFunctions.Core.Graphs;

/// <summary>
/// A validated, declarative graph: named inputs, a run budget, per-node policy defaults and nodes connected by
/// <c>needs</c> edges (a node runs when every node it needs has succeeded; several nodes needing one node is a fan-out,
/// one node needing several is a fan-in). Built only by <c>GraphLoader</c>, which rejects invalid YAML.
/// </summary>
/// <param name="Name">Graph name, unique in the catalog (lowercase letters, digits, hyphens).</param>
/// <param name="Description">Free text, or null.</param>
/// <param name="Inputs">Declared run inputs by name, in file order.</param>
/// <param name="Budget">Run-level budget.</param>
/// <param name="Nodes">Nodes in file order; ids are unique.</param>
/// <param name="SourceText">The YAML the graph was loaded from (stored with each run so a run never changes under a later edit).</param>
/// <param name="ContentHash">Lowercase hex SHA-256 of <paramref name="SourceText"/>.</param>
public sealed record GraphDefinition(
    string Name,
    string? Description,
    IReadOnlyList<GraphInput> Inputs,
    GraphBudget Budget,
    IReadOnlyList<GraphNode> Nodes,
    string SourceText,
    string ContentHash)
{
    // Node ids by graph, built on first lookup (a static table, so the record's equality is untouched).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<GraphDefinition, Dictionary<string, GraphNode>> s_byId = [];

    // The domains by graph, computed once: every access check of a run reads them (a run's graph is cached by hash).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<GraphDefinition, IReadOnlyList<string>> s_domains = [];

    /// <summary>Gets the nodes by id (built on first use, then shared by every reader of this graph).</summary>
    public IReadOnlyDictionary<string, GraphNode> NodesById => s_byId.GetValue(this, g => g.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal));

    /// <summary>Finds a node by id (O(1) after the first lookup of a graph).</summary>
    /// <param name="nodeId">The node id.</param>
    /// <returns>The node, or null when the graph has none with that id.</returns>
    public GraphNode? FindNode(string nodeId) => NodesById.GetValueOrDefault(nodeId);

    /// <summary>Gets the domains of the graph's skills (the part of <c>domain/skill</c> before the slash), distinct and sorted; empty
    /// for a graph of tool nodes only. A run belongs to these domains: API keys see and act on it only when they cover all of them.</summary>
    public IReadOnlyList<string> Domains => s_domains.GetValue(this, g => [.. g.Nodes.Where(n => n.Kind == NodeKind.Skill && n.Target.Contains('/', StringComparison.Ordinal))
            .Select(n => n.Target[..n.Target.IndexOf('/', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
}

/// <summary>One declared run input.</summary>
/// <param name="Name">Input name (letters, digits, underscores).</param>
/// <param name="Type">JSON type: <c>string</c>, <c>number</c>, <c>integer</c>, <c>boolean</c>, <c>object</c> or <c>array</c>.</param>
/// <param name="Required">True when a run must supply it (only possible without a default).</param>
/// <param name="Default">Value used when the run does not supply one, or null.</param>
/// <param name="Description">Free text, or null.</param>
public sealed record GraphInput(string Name, string Type, bool Required, System.Text.Json.Nodes.JsonNode? Default, string? Description);

/// <summary>Run-level budget and what to do when a model call would not fit it.</summary>
/// <param name="MaxCostUsd">Most the whole run may spend on model calls, in USD; null for no limit.</param>
/// <param name="OnExceed">What happens when the next model call would exceed the node, run or domain budget.</param>
public sealed record GraphBudget(decimal? MaxCostUsd, BudgetPolicy OnExceed = BudgetPolicy.Fail);

/// <summary>What to do when a model call would exceed a budget (checked before the call, so nothing is spent).</summary>
public enum BudgetPolicy
{
    /// <summary>Fail the node, and with it the run.</summary>
    Fail,

    /// <summary>Skip the node when it is <c>optional</c> (the run goes on); fail it otherwise.</summary>
    Skip,

    /// <summary>Use the cheapest model of a lower tier when that fits; fail otherwise.</summary>
    Downgrade,

    /// <summary>Pause the run until a human approves the call (<c>POST /api/runs/{id}/approvals</c>) or rejects it.</summary>
    Approve,
}
