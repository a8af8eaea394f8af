using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Orchestration.Durable;

/// <summary>
/// The input of <see cref="NodeActivity"/>: one attempt of one node in one loop iteration. The activity is idempotent on
/// (<paramref name="RunId"/>, <paramref name="NodeId"/>, <paramref name="Iteration"/>, <paramref name="Attempt"/>).
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="NodeId">The node, or an instance of a <c>for_each</c> node such as <c>review[3]</c>.</param>
/// <param name="Attempt">The attempt, 1-based.</param>
/// <param name="Iteration">The loop iteration, 1-based.</param>
public sealed record NodeWorkItem(string RunId, string NodeId, int Attempt, int Iteration)
{
    /// <summary>Gets the model the orchestrator chose when it differs from the node's own (a budget downgrade), or null.</summary>
    public string? ModelOverride { get; init; }

    /// <summary>Gets the model whose estimate was reserved (the node's planned model or the downgrade), or null for tool nodes.</summary>
    public string? PlannedModel { get; init; }

    /// <summary>Gets the domain whose budget the call counts against, or null.</summary>
    public string? Domain { get; init; }

    /// <summary>Gets the cost reserved for the attempt, in USD (an upper bound of its model call; 0 for tool nodes).</summary>
    public decimal ReservedUsd { get; init; }

    /// <summary>Gets whether a human approved exceeding the budget for this node (domain budgets are not checked).</summary>
    public bool BudgetApproved { get; init; }

    /// <summary>Gets whether a human approved the node despite a prompt-injection finding (policy <c>approve</c>).</summary>
    public bool InjectionApproved { get; init; }

    /// <summary>Gets the item of a <c>for_each</c> instance, or null.</summary>
    public JsonNode? Item { get; init; }

    /// <summary>Gets the outputs the node reads, by node id, when they are small enough to travel with the work item; null
    /// to let the activity read them from the run record.</summary>
    public JsonObject? Reads { get; init; }
}
