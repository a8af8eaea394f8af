namespace AgentFunctions.Core.Context;

/// <summary>Thrown when the sections of a prompt that cannot be dropped or trimmed (system layers, learned rules and the node's input) alone exceed the node's token budget.</summary>
public sealed class ContextBudgetExceededException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="requiredTokens">Tokens of the undroppable sections (see <see cref="TokenCounter"/>).</param>
    /// <param name="budgetTokens">The node's budget.</param>
    public ContextBudgetExceededException(int requiredTokens, int budgetTokens)
        : base($"The system prompt and input alone need about {requiredTokens} tokens, over the node's {budgetTokens}-token context budget; raise context.max_tokens or shorten the input.")
    {
        RequiredTokens = requiredTokens;
        BudgetTokens = budgetTokens;
    }

    /// <summary>Gets the estimated tokens of the undroppable sections.</summary>
    public int RequiredTokens { get; }

    /// <summary>Gets the budget in tokens.</summary>
    public int BudgetTokens { get; }
}
