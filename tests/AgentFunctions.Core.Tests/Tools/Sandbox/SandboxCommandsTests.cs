using AgentFunctions.Core.Tools.Processes;

namespace AgentFunctions.Core.Tests.Tools.Sandbox;

/// <summary>Which programs a graph, node or DOMAIN.md may name, and what the refusal says.</summary>
public sealed class SandboxCommandsTests
{
    [Theory]
    [InlineData("python3")]
    [InlineData("git")]
    [InlineData("dotnet")]
    [InlineData("npx")]
    public void Refusal_DefaultListedName_Allowed(string command)
    {
        Assert.Null(SandboxCommands.Refusal(command, new SandboxOptions()));
    }

    [Theory]
    [InlineData("rm")]
    [InlineData("curl")]
    [InlineData("bash")]
    [InlineData("sh")]
    [InlineData("Python3")]
    public void Refusal_NameNotOnDefaultList_NamesCommandAndSetting(string command)
    {
        var refusal = SandboxCommands.Refusal(command, new SandboxOptions());

        Assert.NotNull(refusal);
        Assert.Contains($"'{command}' is not allowed", refusal, StringComparison.Ordinal);
        Assert.Contains("Tools__Sandbox__AllowedCommands__N", refusal, StringComparison.Ordinal);
        Assert.Contains("git, python3, python, dotnet", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/usr/bin/python3")]
    [InlineData("./python3")]
    [InlineData("tools/python3")]
    public void Refusal_PathToAnAllowedName_RefusedUnlessThePathIsListed(string command)
    {
        var refusal = SandboxCommands.Refusal(command, new SandboxOptions());

        Assert.NotNull(refusal);
        Assert.Contains("must be a full path that is itself on the allowed list", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_ConfiguredList_ReplacesTheDefaultAndAdmitsListedFullPaths()
    {
        var options = new SandboxOptions { AllowedCommands = ["/opt/tools/run-tests", " ", "uv"] };

        Assert.Null(SandboxCommands.Refusal("/opt/tools/run-tests", options));
        Assert.Null(SandboxCommands.Refusal("/opt/tools/../tools/run-tests", options));
        Assert.Null(SandboxCommands.Refusal("uv", options));
        Assert.NotNull(SandboxCommands.Refusal("run-tests", options));
        Assert.NotNull(SandboxCommands.Refusal("python3", options));
    }

    [Fact]
    public void Validate_RelativePathOrAssignment_FailsWithoutEchoingTheValue()
    {
        var options = new SandboxOptions
        {
            AllowedCommands = ["bin/run", "python3"],
            PassVariables = ["SECRET_NAME=hunter2"],
        };

        var result = new SandboxOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("'bin/run' holds a path separator but is not a full path", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("'SECRET_NAME=…' holds '='", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.FailureMessage, StringComparison.Ordinal);
    }
}
