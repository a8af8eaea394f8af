using DurableTask.Core;

namespace AgentFunctions.Hosting;

/// <summary>
/// Hands DurableTask.Core's dispatchers a fresh orchestrator or activity per work item, by name: the Durable Task SDK class
/// (from <c>AgentFunctions.Core.Orchestration.Durable.DurableTasks</c>, created from the app's services) wrapped in the SDK's shim.
/// </summary>
/// <typeparam name="T"><see cref="TaskOrchestration"/> or <see cref="TaskActivity"/>.</typeparam>
/// <param name="create">Creates the shim for a name, or null for an unknown name.</param>
internal sealed class TaskObjectManager<T>(Func<string, T?> create) : INameVersionObjectManager<T>
    where T : class
{
    public void Add(ObjectCreator<T> creator) => throw new NotSupportedException("Tasks are registered by DurableTasks, not added at run time.");

    public T? GetObject(string name, string? version) => create(name);
}
