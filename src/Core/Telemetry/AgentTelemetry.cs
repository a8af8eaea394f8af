using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AgentFunctions.Core.Telemetry;

/// <summary>
/// The product's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <see cref="Name"/> (the model
/// pipeline's <c>OpenTelemetryChatClient</c> uses the same name, so one <c>AddSource</c>/<c>AddMeter</c> collects it all).
/// The span tree of a run: <c>run {graph}</c> → <c>node {id}</c> → <c>chat {model}</c> (GenAI semantic conventions, by
/// Microsoft.Extensions.AI) → <c>execute_tool {tool}</c>; a queue message's handling is <c>process {queue}</c>.
/// Attribute names: <see cref="TelemetryTags"/>.
/// </summary>
public static partial class AgentTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "AgentFunctions";

    /// <summary>Gets the activity source of every span the product starts.</summary>
    public static ActivitySource Source { get; } = new(Name, ThisAssembly.Version);

    /// <summary>Gets the meter of every instrument the product records.</summary>
    public static Meter Meter { get; } = new(Name, ThisAssembly.Version);

    /// <summary>Gets the names of the task spans the Durable Task libraries start (for callers that want them too).</summary>
    public static IReadOnlyList<string> DurableTaskSources { get; } = ["Microsoft.DurableTask", "DurableTask.Core"];

    /// <summary>Marks a span failed with the reason (OpenTelemetry status <c>ERROR</c> and <c>error.type</c>).</summary>
    /// <param name="activity">The span, or null when nobody listens.</param>
    /// <param name="errorType">A low-cardinality error class (e.g. <c>node_failed</c>, an exception type name).</param>
    /// <param name="description">The reason, shown with the status.</param>
    public static void Fail(Activity? activity, string errorType, string? description)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, description);
        activity.SetTag(TelemetryTags.ErrorType, errorType);
    }

    private static class ThisAssembly
    {
        public static readonly string? Version = typeof(AgentTelemetry).Assembly.GetName().Version?.ToString();
    }
}
