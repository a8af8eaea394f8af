namespace AgentFunctions.Core.Auth;

/// <summary>The outcome of checking a presented API key: a caller, or why there is none.</summary>
/// <param name="Caller">The authenticated caller, or null.</param>
/// <param name="Failure">Why authentication failed (no key, unknown key, revoked key), or null on success; never echoes the key.</param>
public sealed record AuthenticationResult(ApiCaller? Caller, string? Failure)
{
    /// <summary>A success.</summary>
    /// <param name="caller">The caller.</param>
    /// <returns>The result.</returns>
    public static AuthenticationResult Success(ApiCaller caller) => new(caller, null);

    /// <summary>A failure.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The result.</returns>
    public static AuthenticationResult Fail(string reason) => new(null, reason);
}
