using System.Diagnostics;
using System.Reflection;

namespace AgentFunctions.Core.Telemetry;

/// <summary>
/// Gives an <see cref="Activity"/> a span id chosen before it started, which <see cref="Activity"/> has no public API for: the
/// run span is emitted when the run ends, long after its node spans named it as their parent. The same technique (setting the
/// private field <c>Activity._spanId</c>) is what the Durable Task SDK does for orchestration spans
/// (microsoft/durabletask-dotnet, <c>src/Shared/Grpc/Tracing/DiagnosticActivityExtensions.cs</c>, from Azure/durabletask's
/// <c>DurableTask.Core/Tracing/DiagnosticActivityExtensions.cs</c>).
/// </summary>
internal static class ActivitySpanIds
{
    private static readonly FieldInfo? s_spanId = typeof(Activity).GetField("_spanId", BindingFlags.NonPublic | BindingFlags.Instance);

    /// <summary>Sets the span id of a started activity.</summary>
    /// <param name="activity">The activity.</param>
    /// <param name="spanId">16 lowercase hex digits.</param>
    /// <returns>False when this runtime's <see cref="Activity"/> has no such field (the span keeps its own id).</returns>
    public static bool TrySet(Activity activity, string spanId)
    {
        if (s_spanId is null || s_spanId.FieldType != typeof(string))
        {
            return false;
        }

        s_spanId.SetValue(activity, spanId);
        return activity.SpanId.ToHexString() == spanId;
    }
}
