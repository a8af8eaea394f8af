using AgentFunctions.Core.Models.ToolCalling;

namespace AgentFunctions.Core.Models.Pipeline;

/// <summary>
/// The state of one attempt of a model call on one candidate, shared by the middleware of the provider pipeline through an
/// <see cref="AsyncLocal{T}"/> (as <c>FunctionInvokingChatClient.CurrentContext</c> is): the <see cref="TurnGateChatClient"/>
/// reads the candidate and the budget gate before every model turn and adds each turn it priced; the
/// <see cref="ToolCallGuard"/> reads the tool session before every tool call. The router enters a scope around each attempt.
/// </summary>
internal sealed class ModelCallScope
{
    private static readonly AsyncLocal<ModelCallScope?> s_current = new();

    public ModelCallScope(ModelCandidate candidate, ModelDefinition? definition, ModelCallRequest request, int promptTokens)
    {
        Candidate = candidate;
        Definition = definition;
        Request = request;
        PromptTokens = promptTokens;
    }

    /// <summary>Gets the scope of the attempt running on this async flow, or null outside the router.</summary>
    public static ModelCallScope? Current => s_current.Value;

    public ModelCandidate Candidate { get; }

    public ModelDefinition? Definition { get; }

    public ModelCallRequest Request { get; }

    /// <summary>Gets the prompt tokens of the first turn (the caller's count of its messages).</summary>
    public int PromptTokens { get; }

    public List<ModelTurn> Turns { get; } = [];

    /// <summary>Gets the USD spent by the turns of this attempt so far.</summary>
    public decimal CostUsd => Turns.Sum(t => t.CostUsd);

    /// <summary>Gets or sets why the attempt stopped before its next turn (a budget refusal after a tool call), or null.</summary>
    public string? Stopped { get; set; }

    /// <summary>Gets or sets the outcome recorded when <see cref="Stopped"/> is set (a budget refusal unless a policy stopped it).</summary>
    public ModelAttemptOutcome StoppedOutcome { get; set; } = ModelAttemptOutcome.RefusedByBudget;

    /// <summary>Makes this scope current for the calling async flow; the previous one comes back when disposed.</summary>
    public IDisposable Enter()
    {
        var previous = s_current.Value;
        s_current.Value = this;
        return new Restore(previous);
    }

    /// <summary>Asks the request's budget gate whether a next turn of <paramref name="promptTokens"/> fits, on top of this attempt's
    /// turns so far.</summary>
    /// <returns>Null when it fits, else the refusal.</returns>
    public string? CheckNextTurn(int promptTokens)
    {
        var estimate = Candidate.Price.Cost(promptTokens, Request.MaxOutputTokens);
        return Request.BudgetGate(Candidate, CostUsd + estimate);
    }

    private sealed class Restore(ModelCallScope? previous) : IDisposable
    {
        public void Dispose() => s_current.Value = previous;
    }
}
