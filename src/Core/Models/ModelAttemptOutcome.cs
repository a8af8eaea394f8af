namespace AgentFunctions.Core.Models;

/// <summary>How one attempt of a model call ended (written in snake case: <c>answered</c>, <c>rate_limited</c> …).</summary>
public enum ModelAttemptOutcome
{
    /// <summary>The model answered.</summary>
    Answered,

    /// <summary>HTTP 429 from the provider, or this process's requests-per-minute limit for the model was reached; the next candidate is tried.</summary>
    RateLimited,

    /// <summary>HTTP 5xx, or the provider could not be reached; the next candidate is tried.</summary>
    ServerError,

    /// <summary>No answer within <see cref="ModelRoutingOptions.AttemptTimeout"/>; the next candidate is tried.</summary>
    Timeout,

    /// <summary>The budget gate refused the candidate; it was not called and the next candidate is tried.</summary>
    RefusedByBudget,

    /// <summary>The prompt plus the output limit exceed the model's context window; it was not called and the next candidate is tried.</summary>
    ContextExceeded,

    /// <summary>A trust-boundary policy stopped the call after a tool call (a tool result flagged as a prompt injection under
    /// <c>block</c> or <c>approve</c>); the call stops here.</summary>
    RefusedByPolicy,

    /// <summary>Any other failure (bad request, authentication, no recording); the call stops here.</summary>
    Error,
}
