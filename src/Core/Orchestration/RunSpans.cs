using System.Diagnostics;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Orchestration.Durable;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Telemetry;

namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// The spans and metrics of runs and node attempts (<see cref="AgentTelemetry"/>): <c>start_run {graph}</c> while a run is
/// accepted, <c>run {graph}</c> from acceptance to end (emitted once at the end by the orchestrator, outside replay, with the
/// span id its nodes already named), <c>node {id}</c> per executed attempt (GenAI <c>invoke_agent</c> for skill nodes), a child
/// of the run span wherever the attempt runs.
/// </summary>
internal static class RunSpans
{
    /// <summary>Starts the <c>start_run</c> span (a child of the caller's span, e.g. the HTTP request or the queue message).</summary>
    /// <returns>The span, or null when nobody records traces.</returns>
    public static Activity? StartCreation(string graph, string runId, string source)
    {
        var span = AgentTelemetry.Source.StartActivity($"start_run {graph}", ActivityKind.Internal);
        span?.SetTag(TelemetryTags.RunId, runId);
        span?.SetTag(TelemetryTags.Graph, graph);
        span?.SetTag(TelemetryTags.Source, source);
        return span;
    }

    /// <summary>Emits the run span of an ended run: from its acceptance to <paramref name="endedAt"/>, status, cost.</summary>
    /// <param name="run">The run as accepted (its <see cref="RunCreation.Trace"/> names the span).</param>
    /// <param name="header">The run's final header.</param>
    /// <param name="endedAt">When it ended (orchestration time).</param>
    public static void EmitRun(RunCreation run, RunHeader header, DateTimeOffset endedAt)
    {
        AgentMetrics.Runs.Add(1, new(TelemetryTags.Graph, run.GraphName), new(TelemetryTags.Status, header.Status.ToWire()));
        if (run.Trace is not { } trace)
        {
            return;
        }

        using var span = AgentTelemetry.Source.StartActivity($"run {run.GraphName}", ActivityKind.Internal, trace.ParentContext(), startTime: run.CreatedAt);
        if (span is null)
        {
            return;
        }

        ActivitySpanIds.TrySet(span, trace.SpanId);
        span.SetTag(TelemetryTags.RunId, run.RunId);
        span.SetTag(TelemetryTags.Graph, run.GraphName);
        span.SetTag(TelemetryTags.Source, run.Source);
        span.SetTag(TelemetryTags.Status, header.Status.ToWire());
        span.SetTag(TelemetryTags.CostUsd, (double)header.SpentUsd);
        if (header.Status == RunStatus.Failed)
        {
            AgentTelemetry.Fail(span, "run_failed", header.Error);
        }

        span.SetEndTime(endedAt.UtcDateTime);
    }

    /// <summary>Starts the span of one executed node attempt, a child of the run span.</summary>
    /// <returns>The span, or null when nobody records traces.</returns>
    public static Activity? StartNode(NodeWorkItem item, RunHeader header, GraphNode node)
    {
        var parent = header.Trace?.RunContext() ?? default;
        var span = AgentTelemetry.Source.StartActivity($"node {item.NodeId}", ActivityKind.Internal, parent);
        if (span is null)
        {
            return null;
        }

        span.SetTag(TelemetryTags.RunId, item.RunId);
        span.SetTag(TelemetryTags.Graph, header.GraphName);
        span.SetTag(TelemetryTags.NodeId, item.NodeId);
        span.SetTag(TelemetryTags.NodeKind, node.Kind == NodeKind.Skill ? "skill" : "tool");
        span.SetTag(TelemetryTags.Attempt, item.Attempt);
        span.SetTag(TelemetryTags.Iteration, item.Iteration);
        span.SetTag(TelemetryTags.Domain, item.Domain);
        if (node.Kind == NodeKind.Skill)
        {
            span.SetTag(TelemetryTags.GenAiOperationName, "invoke_agent");
            span.SetTag(TelemetryTags.GenAiAgentName, node.Target);
        }
        else
        {
            span.SetTag(TelemetryTags.Tool, node.Target);
        }

        return span;
    }

    /// <summary>Ends a node attempt's span with its result and records the node metrics (duration, tokens, cost).</summary>
    /// <param name="span">The span from <see cref="StartNode"/>, or null.</param>
    /// <param name="item">The attempt.</param>
    /// <param name="kind">The node's kind.</param>
    /// <param name="result">The attempt's result.</param>
    public static void EndNode(Activity? span, NodeWorkItem item, NodeKind kind, NodeResult result)
    {
        var status = result.Succeeded ? "succeeded" : "failed";
        var domain = new KeyValuePair<string, object?>(TelemetryTags.Domain, item.Domain);
        var model = new KeyValuePair<string, object?>(TelemetryTags.Model, result.Model);
        AgentMetrics.NodeDuration.Record(
            (result.CompletedAt - result.StartedAt).TotalSeconds,
            domain, model, new(TelemetryTags.NodeKind, kind == NodeKind.Skill ? "skill" : "tool"), new(TelemetryTags.Status, status));
        if (result.InputTokens + result.OutputTokens > 0)
        {
            AgentMetrics.Tokens.Add(result.InputTokens, domain, model, new(TelemetryTags.GenAiTokenType, "input"));
            AgentMetrics.Tokens.Add(result.OutputTokens, domain, model, new(TelemetryTags.GenAiTokenType, "output"));
        }

        if (result.CostUsd > 0)
        {
            AgentMetrics.Cost.Add((double)result.CostUsd, domain, model);
        }

        if (span is null)
        {
            return;
        }

        span.SetTag(TelemetryTags.Status, status);
        span.SetTag(TelemetryTags.Model, result.Model);
        span.SetTag(TelemetryTags.Recorded, result.Recorded);
        span.SetTag(TelemetryTags.GenAiInputTokens, result.InputTokens);
        span.SetTag(TelemetryTags.GenAiOutputTokens, result.OutputTokens);
        span.SetTag(TelemetryTags.CostUsd, (double)result.CostUsd);
        if (!result.Succeeded)
        {
            AgentTelemetry.Fail(span, "node_failed", result.Error);
        }

        span.Dispose();
    }
}
