using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace AgentFunctions.Functions.Standalone;

/// <summary>An HTTP-triggered function.</summary>
/// <param name="Name">The function name.</param>
/// <param name="Route">The route template under the prefix, e.g. <c>api/runs/{runId}</c>.</param>
/// <param name="Methods">The HTTP methods, upper case.</param>
/// <param name="AuthLevel">The authorization level under the Functions host.</param>
/// <param name="Method">The method to invoke.</param>
public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, AuthorizationLevel AuthLevel, MethodInfo Method);
