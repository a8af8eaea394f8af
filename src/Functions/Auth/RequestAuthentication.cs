using AgentFunctions.Core.Auth;
using AgentFunctions.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace AgentFunctions.Functions.Auth;

/// <summary>
/// Authenticates a request to a non-anonymous function, the same way under the Functions host (<see cref="ApiKeyWorkerMiddleware"/>)
/// and the standalone host: the key from <c>x-api-key</c> or <c>Authorization: Bearer</c>, checked by <see cref="ApiKeyAuthenticator"/>;
/// the caller is kept in <see cref="HttpContext.Items"/> for the function's access checks (<see cref="Access"/>). Without a valid
/// key the answer is 401 problem details with <c>WWW-Authenticate: Bearer</c>; the key is never echoed or logged.
/// </summary>
internal static class RequestAuthentication
{
    private const string CallerItem = "AgentFunctions.ApiCaller";

    /// <summary>Authenticates the request and stores the caller.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <returns>Null when authenticated, else the 401 to write.</returns>
    /// <exception cref="Azure.RequestFailedException">Storage failed (the key table).</exception>
    public static async Task<IResult?> AuthenticateAsync(HttpContext context)
    {
        var authenticator = context.RequestServices.GetRequiredService<ApiKeyAuthenticator>();
        var result = await authenticator.AuthenticateAsync(PresentedKey(context.Request), context.RequestAborted);
        if (result.Caller is { } caller)
        {
            context.Items[CallerItem] = caller;
            return null;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"agentfunctions\"";
        return Problems.Result(401, "unauthorized", "An API key is required.", result.Failure ?? "The API key is not valid.");
    }

    /// <summary>Gets the caller the request authenticated as.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The caller.</returns>
    /// <exception cref="InvalidOperationException">The request was not authenticated (a function marked anonymous asked for its caller).</exception>
    public static ApiCaller Caller(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HttpContext.Items.TryGetValue(CallerItem, out var caller) && caller is ApiCaller c
            ? c
            : throw new InvalidOperationException("The request was not authenticated.");
    }

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers["x-api-key"].FirstOrDefault() is { Length: > 0 } key)
        {
            return key;
        }

        var authorization = request.Headers.Authorization.FirstOrDefault();
        return authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..] : null;
    }
}
