using System.Text.Json.Nodes;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Orchestration.Storage;
using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Storage.InMemory;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Orchestration;

/// <summary>Iterations and instances on the wire and in rows: optional in schema version 1, part of every key after the first iteration.</summary>
public sealed class IterationKeysTests
{
    [Fact]
    public void ReadWorkItem_WithoutIteration_IsIterationOne()
    {
        var item = MessageCodec.ReadWorkItem("""{"schemaVersion":1,"kind":"node.execute","runId":"r","nodeId":"n","attempt":2}""");

        Assert.Equal(1, item.Iteration);
    }

    [Fact]
    public void ReadWorkItem_InstanceAndIteration_RoundTrip()
    {
        var text = MessageCodec.Serialize(new WorkItemMessage(1, MessageKinds.NodeExecute, "r1", "review[3]", 2, 4));

        Assert.Contains("\"iteration\":4", text, StringComparison.Ordinal);
        Assert.Equal(new WorkItemMessage(1, MessageKinds.NodeExecute, "r1", "review[3]", 2, 4), MessageCodec.ReadWorkItem(text));
    }

    [Fact]
    public void ReadWorkItem_IterationZero_IsMalformed()
    {
        var ex = Assert.Throws<MalformedMessageException>(() =>
            MessageCodec.ReadWorkItem("""{"schemaVersion":1,"kind":"node.execute","runId":"r","nodeId":"n","attempt":1,"iteration":0}"""));

        Assert.Contains("'iteration'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOrchestrator_CompletionWithoutIteration_IsIterationOne()
    {
        var message = MessageCodec.ReadOrchestrator("""
            {"schemaVersion":1,"kind":"node.completed","runId":"r","result":{"nodeId":"n","attempt":1,"succeeded":true,
             "startedAt":"2026-01-01T00:00:00Z","completedAt":"2026-01-01T00:00:01Z","recorded":false,"inputTokens":0,"outputTokens":0,"costUsd":0}}
            """);

        Assert.Equal(1, message.Result!.Iteration);
    }

    [Fact]
    public void Keys_FirstIterationKeepsTheOldFormat_LaterIterationsAddIt()
    {
        Assert.Equal("result|tester|002", RunRowKeys.Result("tester", 2));
        Assert.Equal("result|tester|i003|002", RunRowKeys.Result("tester", 2, 3));
        Assert.Equal("result|review[3]|001", RunRowKeys.Result("review[3]", 1));
        Assert.Equal("node|review[3]", RunRowKeys.Node("review[3]"));
        Assert.Equal("r|tester|1", RunOrchestrator.ReservationKey("r", "tester", 1));
        Assert.Equal("r|tester|i2|1", RunOrchestrator.ReservationKey("r", "tester", 1, 2));
    }

    [Fact]
    public void InstanceIds_ParseAndName()
    {
        Assert.Equal("review[12]", NodeInstanceIds.Of("review", 12));
        Assert.True(NodeInstanceIds.TryParse("review[12]", out var node, out var index));
        Assert.Equal(("review", 12), (node, index));
        Assert.False(NodeInstanceIds.TryParse("review", out _, out _));
        Assert.Equal("review", NodeInstanceIds.BaseOf("review[12]"));
    }

    [Fact]
    public async Task Mapper_NodeStateWithIterationInstanceAndSkip_RoundTrips()
    {
        var mapper = new RunEntityMapper(Payloads());
        var state = NodeState.Initial("review[2]") with
        {
            Status = NodeStatus.Skipped,
            Iteration = 3,
            PreviousOutput = new JsonObject { ["passed"] = false },
            Item = new JsonObject { ["path"] = "a.py" },
            Instances = 5,
            SkipCause = SkipCauses.WhenFalse,
        };

        var back = await mapper.ToNodeAsync(await mapper.ToEntityAsync("r1", state));

        Assert.Equal((3, 5, SkipCauses.WhenFalse), (back.Iteration, back.Instances, back.SkipCause));
        Assert.Equal("""{"passed":false}""", back.PreviousOutput!.ToJsonString());
        Assert.Equal("""{"path":"a.py"}""", back.Item!.ToJsonString());
    }

    [Fact]
    public async Task Mapper_OldNodeRowWithoutTheNewColumns_ReadsAsIterationOne()
    {
        var back = await new RunEntityMapper(Payloads()).ToNodeAsync(new TableEntity("r1", "node|a") { ["NodeId"] = "a", ["Status"] = "succeeded" });

        Assert.Equal((1, null, null), (back.Iteration, back.Instances, back.SkipCause));
    }

    [Fact]
    public async Task Mapper_ResultOfIterationTwo_HasItsOwnRowKey()
    {
        var result = TestGraphs.Ok("tester") with { Iteration = 2 };

        var entity = await new RunEntityMapper(Payloads()).ToEntityAsync("r1", result);

        Assert.Equal("result|tester|i002|001", entity.RowKey);
        Assert.Equal(2, (await new RunEntityMapper(Payloads()).ToResultAsync(entity)).Iteration);
    }

    private static PayloadStore Payloads() => new(new InMemoryStorageAccount(), Options.Create(new OrchestrationOptions()));
}
