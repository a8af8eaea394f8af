using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AgentFunctions.Functions.Durable;

/// <summary>The <see cref="TaskActivityContext"/> an activity class gets under the Functions host: its name, and the orchestration instance id from the trigger's binding data.</summary>
/// <param name="name">The activity name.</param>
/// <param name="context">The function context.</param>
internal sealed class FunctionActivityContext(string name, FunctionContext context) : TaskActivityContext
{
    public override TaskName Name => name;

    public override string InstanceId =>
        context.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? string.Empty : string.Empty;
}
