using System.Text.Json.Nodes;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Durable;
using AgentFunctions.Core.Orchestration.Storage;
using AgentFunctions.Core.Storage;
using AgentFunctions.TestSupport;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Orchestration;

/// <summary>Iterations and instances in keys and rows: part of every attempt key and reservation key after the first iteration.</summary>
public sealed class IterationKeysTests
{
    [Fact]
    public void Keys_AttemptsNameTheirIteration_ReservationsAddItAfterTheFirst()
    {
        Assert.Equal("attempt|tester|001|002", RunRowKeys.Attempt("tester", 1, 2));
        Assert.Equal("attempt|review[3]|003|001", RunRowKeys.Attempt("review[3]", 3, 1));
        Assert.Equal("node|review[3]", RunRowKeys.Node("review[3]"));
        Assert.Equal("r|tester|1", NodeActivity.ReservationKey(new NodeWorkItem("r", "tester", 1, 1)));
        Assert.Equal("r|tester|i2|1", NodeActivity.ReservationKey(new NodeWorkItem("r", "tester", 1, 2)));
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
        var mapper = new RunEntityMapper(await PayloadsAsync());
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
    public async Task Mapper_NodeRowWithoutOptionalColumns_ReadsAsIterationOne()
    {
        var back = await new RunEntityMapper(await PayloadsAsync()).ToNodeAsync(new TableEntity("r1", "node|a") { ["NodeId"] = "a", ["Status"] = "succeeded" });

        Assert.Equal((1, null, null), (back.Iteration, back.Instances, back.SkipCause));
    }

    private static async Task<PayloadStore> PayloadsAsync() => new(await SharedAzurite.ClientsAsync(), Options.Create(new OrchestrationOptions()));
}
