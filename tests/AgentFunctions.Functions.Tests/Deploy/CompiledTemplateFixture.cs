using System.Diagnostics;
using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;

namespace AgentFunctions.Functions.Tests.Deploy;

/// <summary>Compiles infra/bicep/main.bicep once for the Deploy tests (about 4 s on 2 cores).</summary>
public sealed class CompiledTemplateFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "agentfunctions-bicep-" + Guid.NewGuid().ToString("N"));

    /// <summary>Gets the repository's infra/bicep folder.</summary>
    public static string InfraFolder => Path.Combine(AppHarness.RepositoryRoot, "infra", "bicep");

    internal BicepResult Build { get; private set; } = null!;

    internal TimeSpan BuildTime { get; private set; }

    internal JsonNode Template { get; private set; } = null!;

    internal DeploymentInputs Inputs { get; } = DeploymentInputs.FromRepository(AppHarness.RepositoryRoot);

    /// <summary>Gets a fresh copy of the compiled template, for a test to change.</summary>
    internal JsonNode CopyOfTemplate() => Template.DeepClone();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var output = Path.Combine(_folder, "main.json");
        var clock = Stopwatch.StartNew();
        Build = await BicepCli.BuildAsync(Path.Combine(InfraFolder, "main.bicep"), output);
        BuildTime = clock.Elapsed;
        Template = Build.ExitCode == 0 ? JsonNode.Parse(await File.ReadAllTextAsync(output))! : new JsonObject();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The Deploy tests share one compiled template.</summary>
[CollectionDefinition(Name)]
public sealed class DeployCollection : ICollectionFixture<CompiledTemplateFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Deploy";
}
