using System.Reflection;
using System.Text.Json.Nodes;
using AgentFunctions.Core;
using AgentFunctions.Core.Budgets;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Tools.Processes;
using AgentFunctions.Core.Tools.Shell;
using AgentFunctions.Core.Tools.Testing;
using AgentFunctions.Core.Tools.Workspaces;
using AgentFunctions.TestSupport;
using Microsoft.Extensions.Configuration;

namespace AgentFunctions.Functions.Tests;

/// <summary>local.settings.sample.json lists every setting the app reads, and nothing it does not.</summary>
public sealed class LocalSettingsSampleTests
{
    private static readonly (string Section, Type Options)[] s_sections =
    [
        (AgentFunctionsOptions.SectionName, typeof(AgentFunctionsOptions)),
        ("Models:OpenAI", typeof(OpenAIEndpointOptions)),
        ("Models:Anthropic", typeof(AnthropicEndpointOptions)),
        ("Models:Recorded", typeof(RecordedModelOptions)),
        ("Models:Routing", typeof(ModelRoutingOptions)),
        (OrchestrationOptions.SectionName, typeof(OrchestrationOptions)),
        (BudgetOptions.SectionName, typeof(BudgetOptions)),
        (AgentFunctions.Core.Learning.LearningOptions.SectionName, typeof(AgentFunctions.Core.Learning.LearningOptions)),
        (LearningModelOptions.SectionName, typeof(LearningModelOptions)),
        (StorageOptions.SectionName, typeof(StorageOptions)),
        (AgentFunctions.Core.Auth.AuthOptions.SectionName, typeof(AgentFunctions.Core.Auth.AuthOptions)),
        (WorkspaceOptions.SectionName, typeof(WorkspaceOptions)),
        (TestRunOptions.SectionName, typeof(TestRunOptions)),
        (ShellToolOptions.SectionName, typeof(ShellToolOptions)),
        (SandboxOptions.SectionName, typeof(SandboxOptions)),
    ];

    // Read outside an options class: the Functions runtime setting, the storage connection, the standalone host's Durable Task
    // backend and worker id, and the OpenTelemetry exporters' standard settings.
    private static readonly string[] s_otherKeys =
        ["FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage", "Durable:Backend", "Durable:WorkerId", "OTEL_SERVICE_NAME", "OTEL_EXPORTER_OTLP_ENDPOINT", "APPLICATIONINSIGHTS_CONNECTION_STRING"];

    // Dictionaries keyed by a model id or provider name; their entries are examples, not a fixed list.
    private static readonly string[] s_keyedSections = ["Models:Prices:", "Models:Pool:", "Models:Providers:", "Budgets:Domains:"];

    private static HashSet<string> SampleKeys()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(AppHarness.RepositoryRoot, "local.settings.sample.json")))!;
        return json["Values"]!.AsObject().Select(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
    }

    // An array option is listed by its first element (Tools__Sandbox__AllowedCommands__0), and each element is that option.
    private static string WithoutIndex(string key) => System.Text.RegularExpressions.Regex.Replace(key, @":\d+$", string.Empty);

    private static IEnumerable<string> SettableKeys() =>
        s_sections.SelectMany(s => s.Options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic)
            .Select(p => $"{s.Section}:{p.Name}"));

    [Fact]
    public void Sample_ListsEverySettableOption()
    {
        var sample = SampleKeys();
        var missing = SettableKeys().Where(k => !sample.Contains(k) && !sample.Contains(k + ":0")).ToList();
        Assert.True(missing.Count == 0, $"local.settings.sample.json lacks: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Sample_HasNoSettingTheAppDoesNotRead()
    {
        var known = SettableKeys().Concat(s_otherKeys).ToHashSet(StringComparer.Ordinal);
        var unknown = SampleKeys().Where(k => !known.Contains(WithoutIndex(k)) && !s_keyedSections.Any(p => k.StartsWith(p, StringComparison.Ordinal))).ToList();
        Assert.True(unknown.Count == 0, $"local.settings.sample.json has settings nothing reads: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Sample_ModelSettings_BindAndValidate()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(AppHarness.RepositoryRoot, "local.settings.sample.json")))!;
        var values = json["Values"]!.AsObject().ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv.Value!.GetValue<string>());
        var options = new ModelOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(ModelOptions.SectionName).Bind(options);

        Assert.Empty(ModelPool.Validate(options));
        Assert.Equal(ModelTier.Bronze, options.Pool["openai/gpt-4o-mini"].Tier);
    }

    [Fact]
    public void Sample_SandboxSettings_BindValidateAndMatchTheDefaults()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(AppHarness.RepositoryRoot, "local.settings.sample.json")))!;
        var values = json["Values"]!.AsObject().ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv.Value!.GetValue<string>());
        var options = new SandboxOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(SandboxOptions.SectionName).Bind(options);

        Assert.True(new SandboxOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(SandboxOptions.DefaultAllowedCommands, options.EffectiveAllowedCommands);
        Assert.False(SandboxEnvironment.IsDenied("PATH", "/bin", options));
    }

    [Fact]
    public void Sample_PoolEntry_ListsEveryPoolModelField()
    {
        // Keys look like Models:Pool:<provider/model>:<Field>[:<index>].
        var fields = SampleKeys().Where(k => k.StartsWith("Models:Pool:", StringComparison.Ordinal))
            .Select(k => k["Models:Pool:".Length..].Split(':')[1]).ToHashSet(StringComparer.Ordinal);
        var settable = typeof(PoolModelOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        Assert.True(fields.SetEquals(settable), $"sample pool fields: {string.Join(", ", fields.Order())}; PoolModelOptions: {string.Join(", ", settable.Order())}");
    }
}
