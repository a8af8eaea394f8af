using System.Diagnostics;

namespace AgentFunctions.Core.Telemetry;

/// <summary>
/// A run's place in a distributed trace, fixed when the run is accepted and kept in its header and orchestration input: every
/// node attempt's span is a child of the run span <paramref name="SpanId"/> (wherever the attempt executes), and the run span
/// itself is emitted when the run ends, as a child of the span that started the run.
/// </summary>
/// <param name="TraceId">The W3C trace id (32 lowercase hex digits); find the run's trace by it (Application Insights: the operation id).</param>
/// <param name="SpanId">The run span's id (16 hex digits), chosen up front.</param>
/// <param name="ParentSpanId">The span that started the run (<c>start_run</c>), or null.</param>
public sealed record RunTrace(string TraceId, string SpanId, string? ParentSpanId)
{
    /// <summary>Gets the trace context node spans are children of.</summary>
    /// <returns>The run span's context (sampled, remote).</returns>
    /// <exception cref="FormatException">The ids are not W3C hex ids.</exception>
    public ActivityContext RunContext() =>
        new(ActivityTraceId.CreateFromString(TraceId), ActivitySpanId.CreateFromString(SpanId), ActivityTraceFlags.Recorded, isRemote: true);

    /// <summary>Gets the trace context of the span that started the run, or default when there is none.</summary>
    /// <returns>The parent context of the run span.</returns>
    public ActivityContext ParentContext() => ParentSpanId is { } parent
        ? new(ActivityTraceId.CreateFromString(TraceId), ActivitySpanId.CreateFromString(parent), ActivityTraceFlags.Recorded, isRemote: true)
        : default;

    /// <summary>Gives a run started under <paramref name="starter"/> its trace: the starter's trace id, a new run span id.</summary>
    /// <param name="starter">The <c>start_run</c> span, or null when nobody records traces.</param>
    /// <returns>The run's trace, or null without a starter.</returns>
    public static RunTrace? Under(Activity? starter) => starter is null || starter.IdFormat != ActivityIdFormat.W3C
        ? null
        : new RunTrace(starter.TraceId.ToHexString(), ActivitySpanId.CreateRandom().ToHexString(), starter.SpanId.ToHexString());
}
