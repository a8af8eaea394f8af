using System.Text.Json.Nodes;
using AgentFunctions.Core.Tools.Noop;

namespace AgentFunctions.Core.Tests.Tools;

public sealed class NoopToolTests
{
    [Fact]
    public async Task ExecuteAsync_AnyInvocation_SucceedsWithEmptyObject()
    {
        var tool = new NoopTool();

        var result = await tool.ExecuteAsync(new Core.Tools.ToolInvocation("run-1", "n", 1, []), default);

        Assert.True(result.Succeeded);
        Assert.Equal("{}", result.Output.ToJsonString());
        Assert.Null(result.Error);
        Assert.Empty(tool.KnownArguments);
    }
}
