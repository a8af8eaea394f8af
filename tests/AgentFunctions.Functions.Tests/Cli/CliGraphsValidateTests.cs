using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests.Cli;

/// <summary><c>agentfn graphs validate</c> offline (no app, no storage), as a pre-commit hook runs it.</summary>
public sealed class CliGraphsValidateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentfn-validate-").FullName;

    [Fact]
    public async Task GraphsValidate_ShippedGitToProd_ExitsZero()
    {
        var result = await AgentFnProcess.RunAsync(AppHarness.RepositoryRoot, "graphs", "validate", "graphs/git-to-prod.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("graphs/git-to-prod.yaml: valid (graph 'git-to-prod', 8 nodes)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphsValidate_BrokenFile_PrintsFileLineColumnAndExitsOne()
    {
        var broken = Path.Combine(_folder, "broken.yaml");
        await File.WriteAllTextAsync(broken, "name: broken\nnodes:\n  plan:\n    skill: engineering/planner\n  fix:\n    skill: engineering/poet\n    needs: [plan]\n");

        var result = await AgentFnProcess.RunAsync(AppHarness.RepositoryRoot, "graphs", "validate", "graphs/git-to-prod.yaml", broken);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"{broken}:6:12: unknown_skill: ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 of 2 graph file(s) invalid", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphsValidate_YamlSyntaxErrorWithJson_ReportsTheLineInOneDocument()
    {
        var broken = Path.Combine(_folder, "syntax.yaml");
        await File.WriteAllTextAsync(broken, "name: syntax\nnodes:\n  a: [\n");

        var result = await AgentFnProcess.RunAsync(_folder, "graphs", "validate", "syntax.yaml", "--content-root", AppHarness.RepositoryRoot, "--json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var document = JsonNode.Parse(result.Stdout)!;
        Assert.False(document["valid"]!.GetValue<bool>());
        var error = document["files"]![0]!["errors"]![0]!;
        Assert.Equal("yaml_syntax", error["code"]!.GetValue<string>());
        Assert.True(error["line"]!.GetValue<int>() >= 3, result.Stdout);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
