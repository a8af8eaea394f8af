using AgentFunctions.Functions.Standalone;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace AgentFunctions.Functions.Auth;

/// <summary>
/// Under the Functions host: authenticates every HTTP function but the anonymous ones (<c>/api/health</c>, <c>/api/ready</c>) with
/// <see cref="RequestAuthentication"/> before it runs, and answers 401 itself otherwise (ASP.NET Core integration lets worker
/// middleware write the response and skip the function), then applies the request body limit (<see cref="Http.RequestBodyLimit"/>).
/// Function keys may stay in front as an outer layer.
/// Not run here: the Functions host cannot be installed on this project's machines.
/// </summary>
internal sealed class ApiKeyWorkerMiddleware : IFunctionsWorkerMiddleware
{
    private static readonly HashSet<string> s_anonymous = [.. FunctionCatalog.HttpFunctions(typeof(ApiKeyWorkerMiddleware).Assembly)
        .Where(f => f.AuthLevel == AuthorizationLevel.Anonymous).Select(f => f.Name)];

    /// <inheritdoc/>
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is { } http && !s_anonymous.Contains(context.FunctionDefinition.Name)
            && await RequestAuthentication.AuthenticateAsync(http) is { } unauthorized)
        {
            await unauthorized.ExecuteAsync(http);
            return;
        }

        if (context.GetHttpContext() is { } request && Http.RequestBodyLimit.Check(request) is { } tooLarge)
        {
            await tooLarge.ExecuteAsync(request);
            return;
        }

        await next(context);
    }
}
