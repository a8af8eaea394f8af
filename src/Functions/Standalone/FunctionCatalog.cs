using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace AgentFunctions.Functions.Standalone;

/// <summary>
/// The app's functions as the standalone host serves them, read from the same attributes the Functions SDK turns into
/// <c>functions.metadata</c>: every <c>[Function]</c> method with an <c>[HttpTrigger]</c> (route under <c>/api</c>, methods,
/// authorization level) and every one with a <c>[QueueTrigger]</c> (queue name expression, connection).
/// </summary>
public static class FunctionCatalog
{
    /// <summary>The route prefix (host.json <c>extensions.http.routePrefix</c>).</summary>
    public const string RoutePrefix = "api";

    /// <summary>Gets the HTTP functions of an assembly.</summary>
    /// <param name="assembly">The app assembly.</param>
    /// <returns>Name, route, methods, level, class and method of each.</returns>
    public static IReadOnlyList<HttpFunction> HttpFunctions(Assembly assembly) =>
        [.. Functions(assembly).SelectMany(f => f.Method.GetParameters()
            .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
            .Where(t => t is not null)
            .Select(t => new HttpFunction(f.Name, $"{RoutePrefix}/{t!.Route ?? f.Name}", [.. (t.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant())], t.AuthLevel, f.Method)))];

    /// <summary>Gets the queue-triggered functions of an assembly.</summary>
    /// <param name="assembly">The app assembly.</param>
    /// <returns>Name, queue expression, connection, class and method of each.</returns>
    public static IReadOnlyList<QueueFunction> QueueFunctions(Assembly assembly) =>
        [.. Functions(assembly).SelectMany(f => f.Method.GetParameters()
            .Select(p => p.GetCustomAttribute<QueueTriggerAttribute>())
            .Where(t => t is not null)
            .Select(t => new QueueFunction(f.Name, t!.QueueName, t.Connection ?? "AzureWebJobsStorage", f.Method)))];

    private static IEnumerable<(string Name, MethodInfo Method)> Functions(Assembly assembly) =>
        assembly.GetTypes().Where(t => t.IsPublic && t.IsClass)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Attribute: m.GetCustomAttribute<FunctionAttribute>(), Method: m))
            .Where(x => x.Attribute is not null)
            .Select(x => (x.Attribute!.Name, x.Method))
            .OrderBy(x => x.Name, StringComparer.Ordinal);
}
