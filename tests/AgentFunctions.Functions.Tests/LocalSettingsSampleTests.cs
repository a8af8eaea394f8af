using System.Reflection;
using System.Text.Json.Nodes;
using AgentFunctions.Core;
using AgentFunctions.Core.Budgets;
using AgentFunctions.Core.Hosting;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Storage.Azure;
using AgentFunctions.Core.Tools.Shell;
using AgentFunctions.Core.Tools.Testing;
using AgentFunctions.Core.Tools.Workspaces;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests;

/// <summary>local.settings.sample.json lists every setting the app reads, and nothing it does not.</summary>
public sealed class LocalSettingsSampleTests
{
    private static readonly (string Section, Type Options)[] s_sections =
    [
        (AgentFunctionsOptions.SectionName, typeof(AgentFunctionsOptions)),
        ("Models:OpenAI", typeof(OpenAIEndpointOptions)),
        ("Models:Recorded", typeof(RecordedModelOptions)),
        (OrchestrationOptions.SectionName, typeof(OrchestrationOptions)),
        (StandaloneOptions.SectionName, typeof(StandaloneOptions)),
        (BudgetOptions.SectionName, typeof(BudgetOptions)),
        (AzureStorageAccountOptions.SectionName, typeof(AzureStorageAccountOptions)),
        (WorkspaceOptions.SectionName, typeof(WorkspaceOptions)),
        (TestRunOptions.SectionName, typeof(TestRunOptions)),
        (ShellToolOptions.SectionName, typeof(ShellToolOptions)),
    ];

    private static readonly string[] s_otherKeys = ["FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage", "Storage:Mode"];

    private static HashSet<string> SampleKeys()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(AppHarness.RepositoryRoot, "local.settings.sample.json")))!;
        return json["Values"]!.AsObject().Select(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<string> SettableKeys() =>
        s_sections.SelectMany(s => s.Options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic)
            .Select(p => $"{s.Section}:{p.Name}"));

    [Fact]
    public void Sample_ListsEverySettableOption()
    {
        var missing = SettableKeys().Where(k => !SampleKeys().Contains(k)).ToList();
        Assert.True(missing.Count == 0, $"local.settings.sample.json lacks: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Sample_HasNoSettingTheAppDoesNotRead()
    {
        var known = SettableKeys().Concat(s_otherKeys).ToHashSet(StringComparer.Ordinal);
        var unknown = SampleKeys().Where(k => !known.Contains(k) && !k.StartsWith("Models:Prices:", StringComparison.Ordinal) && !k.StartsWith("Budgets:Domains:", StringComparison.Ordinal)).ToList();
        Assert.True(unknown.Count == 0, $"local.settings.sample.json has settings nothing reads: {string.Join(", ", unknown)}");
    }
}
