using System.Text.Json.Nodes;
using AgentFunctions.Core.Tools;

namespace AgentFunctions.Core.Tests.Tools;

public sealed class ToolArgumentsNumberTests
{
    [Fact]
    public void GetOptionalNumber_IntegerHeldAsInt64_IsReadAsANumber()
    {
        var arguments = new JsonObject { ["timeout"] = JsonValue.Create(60L), ["ratio"] = 0.5, ["text"] = "7" };

        Assert.Equal(60d, ToolArguments.GetOptionalNumber(arguments, "shell", "timeout"));
        Assert.Equal(0.5d, ToolArguments.GetOptionalNumber(arguments, "shell", "ratio"));
        Assert.Equal(7d, ToolArguments.GetOptionalNumber(arguments, "shell", "text"));
    }
}
