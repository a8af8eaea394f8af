using System.Reflection;

namespace AgentFunctions.Functions.Standalone;

/// <summary>A queue-triggered function.</summary>
/// <param name="Name">The function name.</param>
/// <param name="QueueExpression">The queue name, or an app-setting expression <c>%Setting%</c>.</param>
/// <param name="Connection">The connection setting name.</param>
/// <param name="Method">The method to invoke.</param>
public sealed record QueueFunction(string Name, string QueueExpression, string Connection, MethodInfo Method);
