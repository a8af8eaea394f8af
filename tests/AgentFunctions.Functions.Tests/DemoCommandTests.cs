using AgentFunctions.Cli.Demo;
using AgentFunctions.Cli.Local;

namespace AgentFunctions.Functions.Tests;

/// <summary>The README's loop demo (`demo.sh --loop`) as a user runs it: its own Azurite and app, recorded responses, exit code 0.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task LoopDemo_OnRecordedResponses_EndsWithTheRuleActive()
    {
        using var output = new StringWriter();
        var exit = await new DemoCommand(output).RunAsync(new DemoOptions("git-to-prod", TimeSpan.Zero, RepositoryLayout.CurrentConfiguration(), TimeSpan.FromMinutes(2), Loop: true));

        var text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("RECORDED response replayed", text, StringComparison.Ordinal);
        Assert.Contains("learned rules injected [REFL-001]; recommendation now \"discuss\"", text, StringComparison.Ordinal);
        Assert.Contains("with the rule passed, without it failed", text, StringComparison.Ordinal);
        Assert.Contains("REFL-001: candidate → active", text, StringComparison.Ordinal);
    }
}
