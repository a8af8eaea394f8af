using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace AgentFunctions.Functions.Tests.Deploy;

/// <summary>infra/bicep compiles and lints clean with the pinned Bicep CLI, and the compiled template keeps the deployment contract.</summary>
[Collection(DeployCollection.Name)]
public sealed class BicepBuildTests(CompiledTemplateFixture compiled, ITestOutputHelper output)
{
    [Fact]
    public void Build_MainBicep_SucceedsWithoutWarnings()
    {
        output.WriteLine($"bicep build took {compiled.BuildTime.TotalSeconds:F1} s");
        Assert.True(compiled.Build.ExitCode == 0, $"bicep build exited {compiled.Build.ExitCode}: {compiled.Build.StandardError}");
        Assert.True(compiled.Build.StandardError.Trim().Length == 0, $"bicep build wrote diagnostics: {compiled.Build.StandardError}");
    }

    [Fact]
    public async Task Lint_MainBicep_ReportsNothing()
    {
        var lint = await BicepCli.RunAsync("lint", Path.Combine(CompiledTemplateFixture.InfraFolder, "main.bicep"));

        Assert.True(lint.ExitCode == 0, $"bicep lint exited {lint.ExitCode}: {lint.StandardError}{lint.StandardOutput}");
        Assert.True(lint.StandardError.Trim().Length == 0 && lint.StandardOutput.Trim().Length == 0, $"bicep lint reported: {lint.StandardError}{lint.StandardOutput}");
    }

    [Fact]
    public void BicepConfig_EveryRuleTurnedOff_SaysWhy()
    {
        // bicepconfig.json allows comments; a rule set to "off" must have one on the line before or on its own line.
        var lines = File.ReadAllLines(Path.Combine(CompiledTemplateFixture.InfraFolder, "bicepconfig.json"));
        var silent = lines.Select((line, i) => (line, i))
            .Where(x => x.line.Contains("\"off\"", StringComparison.Ordinal)
                && !x.line.Contains("//", StringComparison.Ordinal) && (x.i == 0 || !lines[x.i - 1].TrimStart().StartsWith("//", StringComparison.Ordinal)))
            .Select(x => x.line.Trim()).ToList();

        Assert.True(silent.Count == 0, $"rules turned off without a comment: {string.Join("; ", silent)}");
    }

    [Fact]
    public void Contract_CompiledTemplate_Holds()
    {
        var failures = DeploymentContract.Check(compiled.Template, compiled.Inputs);

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Contract_CompiledTemplate_SetsTheRuntimeOfTheTargetFramework()
    {
        var site = ArmTemplate.Flatten(compiled.Template).Single(r => r.Type == "Microsoft.Web/sites");

        Assert.Equal("10.0", compiled.Inputs.RuntimeVersion);
        Assert.Equal("dotnet-isolated", site.Properties["functionAppConfig"]!["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal(compiled.Inputs.RuntimeVersion, site.Properties["functionAppConfig"]!["runtime"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public void Contract_ModelApiKeys_AreKeyVaultReferences()
    {
        var settings = DeploymentContract.AppSettings(ArmTemplate.Flatten(compiled.Template));

        Assert.StartsWith("[format('@Microsoft.KeyVault(VaultName={0};SecretName={1})'", settings["Models__OpenAI__ApiKey"], StringComparison.Ordinal);
        Assert.Contains("'openai-api-key'", settings["Models__OpenAI__ApiKey"], StringComparison.Ordinal);
        Assert.Contains("'anthropic-api-key'", settings["Models__Anthropic__ApiKey"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contract_RoleAssignmentRemovedFromBicep_FailsAfterRealBuild()
    {
        // End to end: a copy of infra/bicep without the Table Data Contributor assignment, compiled by the real CLI.
        var copy = Path.Combine(Path.GetTempPath(), "agentfunctions-bicep-mutant-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyFolder(CompiledTemplateFixture.InfraFolder, copy);
            var rbac = Path.Combine(copy, "modules", "rbac.bicep");
            var text = await File.ReadAllTextAsync(rbac);
            var start = text.IndexOf("resource tableDataContributor ", StringComparison.Ordinal);
            Assert.True(start >= 0, "rbac.bicep has no resource tableDataContributor to remove");
            var end = text.IndexOf("\n}\n", start, StringComparison.Ordinal) + 3;
            await File.WriteAllTextAsync(rbac, text.Remove(start, end - start));

            var build = await BicepCli.BuildAsync(Path.Combine(copy, "main.bicep"), Path.Combine(copy, "main.json"));
            Assert.True(build.ExitCode == 0, build.StandardError);
            var failures = DeploymentContract.Check(JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(copy, "main.json")))!, compiled.Inputs);

            Assert.Equal(["no role assignment of Storage Table Data Contributor (0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3) for the app's identity on the storage account"], failures);
        }
        finally
        {
            if (Directory.Exists(copy))
            {
                Directory.Delete(copy, recursive: true);
            }
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
