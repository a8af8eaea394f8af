using AgentFunctions.Core.Orchestration.Messages;

namespace AgentFunctions.Core.Tests.Orchestration;

public sealed class MessageCodecTests
{
    [Fact]
    public void ReadRunRequest_RoundTrips()
    {
        var text = MessageCodec.Serialize(new RunRequest("git-to-prod", null, new System.Text.Json.Nodes.JsonObject { ["x"] = 1 }, "run-a1"));

        var back = MessageCodec.ReadRunRequest(text);

        Assert.Equal(("git-to-prod", "run-a1", 1), (back.Graph, back.RunId, back.Inputs!["x"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("not json", "not valid")]
    [InlineData("null", "JSON null")]
    [InlineData("{\"graph\": 5}", "'$.graph'")]
    public void ReadRunRequest_Malformed_ThrowsWithReason(string text, string expected)
    {
        var ex = Assert.Throws<MalformedMessageException>(() => MessageCodec.ReadRunRequest(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
