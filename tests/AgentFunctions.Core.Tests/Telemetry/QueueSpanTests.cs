using System.Diagnostics;
using AgentFunctions.Core.Messaging;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.TestSupport;
using AgentFunctions.TestSupport.Engine;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace AgentFunctions.Core.Tests.Telemetry;

/// <summary>
/// Queue handling is traced as a consumer span per delivery (messaging semantic conventions, real Azurite): a run the message
/// starts is in the same trace, under it; a malformed message's span ends in error and says it was dead-lettered.
/// </summary>
public sealed class QueueSpanTests
{
    [Fact]
    public async Task HandleAsync_RunRequest_TheRunIsAChildOfTheConsumerSpan_AndAMalformedMessageIsAnError()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource("AgentFunctions").SetSampler(new AlwaysOnSampler()).AddInMemoryExporter(spans).Build();
        var queue = "telemetry-" + Guid.NewGuid().ToString("N")[..8];
        await using var engine = await EngineHost.StartAsync(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = await SharedAzurite.ConnectionStringAsync() });
        var handler = engine.Services.GetRequiredService<QueueMessageHandler>();
        string? runId = null;

        var started = await handler.HandleAsync(new InboundMessage(queue, "m-1", "name: queued\nnodes:\n  a: { tool: noop }\n", 1), async (text, ct) =>
        {
            var accepted = Assert.IsType<RunAccepted>(await engine.Runs.CreateAsync(new RunRequest(null, text, null, null), "queue", engine.Client, caller: null, ct));
            runId = accepted.RunId;
        });
        var malformed = await handler.HandleAsync(new InboundMessage(queue, "m-2", "not yaml", 1), (_, _) => throw new MalformedMessageException("not a run request"));
        var run = await engine.WaitForEndAsync(runId!, TimeSpan.FromMinutes(2));
        tracing.ForceFlush();

        Assert.False(started.DeadLettered);
        Assert.True(malformed.DeadLettered);
        var consumer = Assert.Single(spans, s => s.DisplayName == $"process {queue}" && (string?)s.GetTagItem("messaging.message.id") == "m-1");
        Assert.Equal(ActivityKind.Consumer, consumer.Kind);
        Assert.Equal("azure_storage_queues", consumer.GetTagItem("messaging.system"));
        Assert.Equal(queue, consumer.GetTagItem("messaging.destination.name"));
        Assert.Equal("completed", consumer.GetTagItem("agentfunctions.message.outcome"));
        Assert.Equal(consumer.TraceId.ToHexString(), run.TraceId);
        var start = Assert.Single(spans, s => s.DisplayName == "start_run queued" && (string?)s.GetTagItem("agentfunctions.run_id") == runId);
        Assert.Equal(consumer.SpanId, start.ParentSpanId);
        Assert.Equal("queue", start.GetTagItem("agentfunctions.source"));

        var failed = Assert.Single(spans, s => s.DisplayName == $"process {queue}" && (string?)s.GetTagItem("messaging.message.id") == "m-2");
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal("dead_lettered", failed.GetTagItem("agentfunctions.message.outcome"));
        Assert.Contains("not a run request", failed.StatusDescription, StringComparison.Ordinal);
    }
}
