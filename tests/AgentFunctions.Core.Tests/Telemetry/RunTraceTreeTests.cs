using System.Diagnostics;
using AgentFunctions.Core.Budgets;
using AgentFunctions.Core.Learning.Storage;
using AgentFunctions.TestSupport;
using AgentFunctions.TestSupport.Engine;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AgentFunctions.Core.Tests.Telemetry;

/// <summary>
/// A graph with a tool node and a skill node whose model calls a tool runs on the Durable Task engine (Table storage on a real
/// Azurite, a local OpenAI-compatible server) while the OpenTelemetry SDK collects spans and metrics in memory: the run's trace is
/// <c>start_run</c> → <c>run</c> → <c>node</c> per attempt → the model calls (GenAI attributes, cost, run and node ids) and the
/// tool executions; the run's view names the trace id; node duration, tokens, cost and the domain's budget use are measured.
/// </summary>
public sealed class RunTraceTreeTests : IAsyncLifetime
{
    private const string Skill = """
        ---
        name: reader
        role: specialist
        domain: eng
        model: openai/gpt-4o-mini
        output: json
        max_output_tokens: 300
        tools: [read_file]
        max_tool_calls: 2
        input_schema:
          type: object
          required: [issue]
          properties:
            issue: { type: string }
        output_schema:
          type: object
          required: [summary]
          properties:
            summary: { type: string }
        ---
        # Read

        ## Task
        Read the code and say what is wrong.
        """;

    private const string Graph = """
        name: traced
        inputs:
          issue: { type: string, default: wrong answer }
        nodes:
          prepare: { tool: noop }
          read:
            skill: eng/reader
            needs: prepare
            with: { issue: "${{ inputs.issue }}" }
            context: { repo: examples/sample-repo, include: "answer/*.py" }
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("traced-").FullName;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "skills", "eng", "reader"));
        await File.WriteAllTextAsync(Path.Combine(_root, "skills", "eng", "DOMAIN.md"), "---\nname: eng\n---\nEngineering.\n");
        await File.WriteAllTextAsync(Path.Combine(_root, "skills", "eng", "reader", "SKILL.md"), Skill);
        Directory.CreateDirectory(Path.Combine(_root, "graphs"));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Run_WithASkillThatCallsATool_ProducesTheSpanTreeWithGenAiAttributesAndTheMetrics()
    {
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource("AgentFunctions").SetSampler(new AlwaysOnSampler()).AddInMemoryExporter(spans).Build();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter("AgentFunctions").AddInMemoryExporter(metrics).Build();
        await using var model = FakeOpenAIServer.Start(body => body["messages"]!.AsArray().Any(m => m!["role"]!.GetValue<string>() == "tool")
            ? new FakeModelReply("""{"summary":"answer() returns 41"}""") { InputTokens = 1200, OutputTokens = 80 }
            : FakeModelReply.Tools(new FakeToolCall("c1", "read_file", """{"path":"answer/core.py"}""")) with { InputTokens = 1000, OutputTokens = 40 });
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await using var engine = await EngineHost.StartAsync(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = await SharedAzurite.ConnectionStringAsync(),
            ["AgentFunctions:ContentRoot"] = _root,
            ["Tools:Workspace:RepositoriesRoot"] = RepositoryPaths.Root,
            ["Models:OpenAI:Endpoint"] = model.Endpoint.ToString(),
            ["Learning:Table"] = "Knowledge" + suffix,
            ["Budgets:Table"] = "Budgets" + suffix,
            ["Budgets:Domains:eng:DailyUsd"] = "5",
        });

        await engine.Services.GetRequiredService<DomainBudgetStore>().EnsureCreatedAsync();
        await engine.Services.GetRequiredService<KnowledgeStore>().EnsureCreatedAsync();

        var run = await engine.RunAsync(Graph);
        tracing.ForceFlush();
        meters.ForceFlush();

        Assert.True(run.Status == "succeeded", run.Error);
        Assert.NotNull(run.TraceId);
        var trace = spans.Where(s => s.TraceId.ToHexString() == run.TraceId).ToList();
        var start = Assert.Single(trace, s => s.DisplayName == "start_run traced");
        var runSpan = Assert.Single(trace, s => s.DisplayName == "run traced");
        Assert.Equal(start.SpanId, runSpan.ParentSpanId);
        Assert.Equal(run.RunId, runSpan.GetTagItem("agentfunctions.run_id"));
        Assert.Equal("succeeded", runSpan.GetTagItem("agentfunctions.status"));
        Assert.True(runSpan.Duration > TimeSpan.Zero);

        var prepare = Assert.Single(trace, s => s.DisplayName == "node prepare");
        var read = Assert.Single(trace, s => s.DisplayName == "node read");
        Assert.All(new[] { prepare, read }, n =>
        {
            Assert.Equal(runSpan.SpanId, n.ParentSpanId);
            Assert.Equal(run.RunId, n.GetTagItem("agentfunctions.run_id"));
            Assert.Equal(1, Convert.ToInt32(n.GetTagItem("agentfunctions.attempt"), System.Globalization.CultureInfo.InvariantCulture));
        });
        Assert.Equal("invoke_agent", read.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("eng/reader", read.GetTagItem("gen_ai.agent.name"));
        Assert.Equal(2200L, Convert.ToInt64(read.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        var nodeCost = (double)read.GetTagItem("agentfunctions.cost_usd")!;
        Assert.Equal((2200 * 0.15 + 120 * 0.60) / 1_000_000, nodeCost, 9);

        // The model calls: one span per turn under the read node, with the GenAI conventions and our cost and ids.
        var chats = trace.Where(s => (string?)s.GetTagItem("gen_ai.operation.name") == "chat").ToList();
        Assert.Equal(2, chats.Count);
        Assert.All(chats, c =>
        {
            Assert.True(IsUnder(c, read, trace), $"{c.DisplayName} is not under the read node");
            Assert.Equal("gpt-4o-mini", c.GetTagItem("gen_ai.request.model"));
            Assert.Equal(run.RunId, c.GetTagItem("agentfunctions.run_id"));
            Assert.Equal("read", c.GetTagItem("agentfunctions.node_id"));
            Assert.NotNull(c.GetTagItem("agentfunctions.cost_usd"));
        });
        Assert.Equal([1000L, 1200L], chats.Select(c => Convert.ToInt64(c.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.Equal([40L, 80L], chats.Select(c => Convert.ToInt64(c.GetTagItem("gen_ai.usage.output_tokens"), System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.Equal(nodeCost, chats.Sum(c => (double)c.GetTagItem("agentfunctions.cost_usd")!), 9);

        // The tool call, under the same node.
        var tool = Assert.Single(trace, s => s.DisplayName == "execute_tool read_file");
        Assert.True(IsUnder(tool, read, trace));
        Assert.Equal("read_file", tool.GetTagItem("gen_ai.tool.name"));

        // Metrics: node duration, tokens and cost by domain, and the domain's budget use.
        // The periodic reader may export before ForceFlush does: one metric can appear in several snapshots.
        var points = metrics.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.SelectMany(Points).ToList());
        Assert.Contains(points["agentfunctions.node.duration"], p => p.Tags.GetValueOrDefault("agentfunctions.domain") as string == "eng");
        Assert.Contains(points["agentfunctions.tokens"], p => p.Tags.GetValueOrDefault("gen_ai.token.type") as string == "input" && p.Tags.GetValueOrDefault("agentfunctions.domain") as string == "eng");
        Assert.Contains(points["agentfunctions.cost"], p => p.Tags.GetValueOrDefault("agentfunctions.domain") as string == "eng");
        Assert.Contains(points["agentfunctions.budget.spent"], p => p.Tags.GetValueOrDefault("agentfunctions.domain") as string == "eng"
            && p.Tags.GetValueOrDefault("agentfunctions.budget.period") as string == "day" && p.Value >= nodeCost);
        Assert.Contains(points["agentfunctions.budget.utilization"], p => p.Tags.GetValueOrDefault("agentfunctions.domain") as string == "eng" && p.Value > 0);
        Assert.Contains(points["agentfunctions.runs"], p => p.Tags.GetValueOrDefault("agentfunctions.graph") as string == "traced");
    }

    private static bool IsUnder(Activity span, Activity ancestor, List<Activity> trace)
    {
        for (var current = span; current is not null; current = trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    private static List<(Dictionary<string, object?> Tags, double Value)> Points(MetricSnapshot metric)
    {
        var points = new List<(Dictionary<string, object?>, double)>();
        foreach (var point in metric.MetricPoints)
        {
            var tags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value;
            }

            var value = metric.MetricType switch
            {
                MetricType.Histogram => point.GetHistogramSum(),
                MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
                MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => point.GetSumDouble(),
                MetricType.LongGauge => point.GetGaugeLastValueLong(),
                _ => point.GetGaugeLastValueDouble(),
            };
            points.Add((tags, value));
        }

        return points;
    }
}
