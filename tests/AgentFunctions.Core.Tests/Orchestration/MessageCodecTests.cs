using AgentFunctions.Core.Orchestration.Messages;

namespace AgentFunctions.Core.Tests.Orchestration;

public sealed class MessageCodecTests
{
    [Fact]
    public void ReadWorkItem_RoundTrips()
    {
        var text = MessageCodec.Serialize(new WorkItemMessage(1, MessageKinds.NodeExecute, "r1", "planner", 2));
        Assert.Equal(new WorkItemMessage(1, MessageKinds.NodeExecute, "r1", "planner", 2), MessageCodec.ReadWorkItem(text));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("not json", "not valid")]
    [InlineData("{\"schemaVersion\":2,\"kind\":\"node.execute\",\"runId\":\"r\",\"nodeId\":\"n\",\"attempt\":1}", "schemaVersion 2")]
    [InlineData("{\"schemaVersion\":1,\"kind\":\"node.execute\",\"nodeId\":\"n\",\"attempt\":1}", "'runId' is required")]
    [InlineData("{\"schemaVersion\":1,\"kind\":\"node.execute\",\"runId\":\"r\",\"nodeId\":\"n\",\"attempt\":0}", "'attempt'")]
    [InlineData("{\"schemaVersion\":1,\"kind\":\"bogus\",\"runId\":\"r\",\"nodeId\":\"n\",\"attempt\":1}", "Unknown kind 'bogus'")]
    public void ReadWorkItem_Malformed_ThrowsWithReason(string text, string expected)
    {
        var ex = Assert.Throws<MalformedMessageException>(() => MessageCodec.ReadWorkItem(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOrchestrator_CompletionWithoutResult_ThrowsWithReason()
    {
        var ex = Assert.Throws<MalformedMessageException>(() => MessageCodec.ReadOrchestrator("{\"schemaVersion\":1,\"kind\":\"node.completed\",\"runId\":\"r\"}"));
        Assert.Contains("result", ex.Message, StringComparison.Ordinal);
    }
}
