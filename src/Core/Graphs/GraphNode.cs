using System.Text.Json.Nodes;
using AgentFunctions.Core.Models;

namespace AgentFunctions.Core.Graphs;

/// <summary>What a node runs.</summary>
public enum NodeKind
{
    /// <summary>A skill: a prompt executed by a model.</summary>
    Skill,

    /// <summary>A tool: code that acts (git, a test runner, a scanner).</summary>
    Tool,
}

/// <summary>One node of a graph.</summary>
/// <param name="Id">Node id, unique in the graph (letters, digits, underscores, hyphens).</param>
/// <param name="Kind">Skill or tool.</param>
/// <param name="Target">For a skill node the skill id <c>domain/skill</c>; for a tool node the tool name such as <c>tests.run</c>.</param>
/// <param name="Needs">Ids of the nodes that must succeed before this one runs (its incoming edges), in file order.</param>
/// <param name="With">Arguments for the node; string values may hold <c>${{ inputs.x }}</c> or <c>${{ nodes.id.output.field }}</c>
/// expressions (see <c>GraphExpression</c>). Empty when none.</param>
/// <param name="Context">What extra context a skill node reads (files of a repository), or null.</param>
/// <param name="Policy">Effective policy: the node's own settings over the graph's <c>defaults</c> over built-in defaults.</param>
/// <param name="Line">1-based line of the node's key in the YAML file, for error messages.</param>
public sealed record GraphNode(
    string Id,
    NodeKind Kind,
    string Target,
    IReadOnlyList<string> Needs,
    JsonObject With,
    NodeContext? Context,
    NodePolicy Policy,
    int Line)
{
    /// <summary>Gets the condition checked when the node's needs are done; false skips the node. Null to always run.</summary>
    public GraphCondition? When { get; init; }

    /// <summary>Gets the dynamic fan-out of the node (one instance per list element), or null for a single run.</summary>
    public NodeForEach? ForEach { get; init; }

    /// <summary>Gets how many of the node's needs must succeed before it runs (default: all).</summary>
    public NodeJoin Join { get; init; } = NodeJoin.All;

    /// <summary>Gets the bounded refinement loop that ends at this node, or null.</summary>
    public NodeLoop? Loop { get; init; }

    /// <summary>Gets the tools the node's model may call (<c>tools:</c>, replacing the skill's list to restrict or extend it), or
    /// null to use the skill's.</summary>
    public IReadOnlyList<string>? Tools { get; init; }

    /// <summary>Gets <c>max_tool_calls:</c> (1–100), or null for the skill's.</summary>
    public int? MaxToolCalls { get; init; }
}

/// <summary>A skill node's <c>context:</c>: files of a repository it reads into its prompt, and its prompt budget.</summary>
/// <param name="Repository">Expression or path naming the repository folder, such as <c>${{ inputs.repo }}</c>; null when the node reads no files (<c>context:</c> sets only <c>max_tokens</c>).</param>
/// <param name="Include">Glob patterns relative to the repository (<c>**</c>, <c>*</c>, <c>?</c>), in priority order; empty without a repository.</param>
/// <param name="MaxTokens">Token budget of the whole prompt for this node (tokens, see <c>TokenCounter</c>); null for the default (8,000).</param>
public sealed record NodeContext(string? Repository, IReadOnlyList<string> Include, int? MaxTokens);

/// <summary>Per-node execution policy.</summary>
/// <param name="Model">Model id (<c>provider/model</c>, for example <c>openai/gpt-4o-mini</c>) overriding the skill's model or tier; null to use <c>Tier</c> or the skill's.</param>
/// <param name="Retries">Extra attempts after a failed one (0–10); total attempts = retries + 1.</param>
/// <param name="Timeout">Time one attempt may take before it is cancelled and counted as failed.</param>
/// <param name="MaxCostUsd">Most one attempt may spend on its model call, in USD; null for no node limit.</param>
/// <param name="MaxOutputTokens">Most tokens the model may produce (also used for the pre-call cost estimate); null for the skill's.</param>
public sealed record NodePolicy(string? Model, int Retries, TimeSpan Timeout, decimal? MaxCostUsd, int? MaxOutputTokens)
{
    /// <summary>Gets whether the run may go on without this node: when it fails (after its retries), or under the budget policy
    /// <c>skip</c> does not fit the budget, the run goes on and the nodes that need it still run, reading its output as null.</summary>
    public bool Optional { get; init; }

    /// <summary>Gets whether a human must approve the node before it first runs (<c>approval: required</c>); the run waits in
    /// <c>awaiting_approval</c> until <c>POST /api/runs/{id}/approvals</c>.</summary>
    public bool ApprovalRequired { get; init; }

    /// <summary>Gets the quality tier (<c>tier: gold|silver|bronze</c>) whose model the router picks, overriding the skill's model or
    /// tier; null to use the skill's. Never set together with <see cref="Model"/> (the one set closer to the node wins).</summary>
    public ModelTier? Tier { get; init; }

    /// <summary>Built-in defaults: no model override, 0 retries, 5 minute timeout, no cost cap.</summary>
    public static NodePolicy Default { get; } = new(null, 0, TimeSpan.FromMinutes(5), null, null);
}
