using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;
using Microsoft.Azure.Functions.Worker;

namespace AgentFunctions.Functions.Tests.Deploy;

/// <summary>
/// The package <c>scripts/publish.sh</c> makes holds what the Azure Functions host needs to run the app: the index of the
/// functions the app defines (<c>functions.metadata</c>), the worker description (<c>worker.config.json</c>), the host-side
/// binding extensions for the trigger types used (<c>extensions.json</c> at the root with hint paths into <c>.azurefunctions/</c>,
/// as the Functions worker SDK lays them out: Azure/azure-functions-dotnet-worker#741), the repository's <c>host.json</c>, the content the app reads, and no developer settings; the zip holds
/// the same files.
/// </summary>
[Collection(PublishCollection.Name)]
public sealed class PublishPackageTests(PublishedPackage package)
{
    private const string EntryAssembly = "AgentFunctions.Functions.dll";

    // The host-side extension each binding type needs (the names extensions.json gives them). HTTP is built into the host.
    private static readonly Dictionary<string, string?> s_extensionOfBinding = new(StringComparer.Ordinal)
    {
        ["httpTrigger"] = null,
        ["http"] = null,
        ["queueTrigger"] = "AzureStorageQueues",
        ["queue"] = "AzureStorageQueues",
        ["orchestrationTrigger"] = "DurableTask",
        ["activityTrigger"] = "DurableTask",
        ["entityTrigger"] = "DurableTask",
        ["durableClient"] = "DurableTask",
    };

    private JsonArray Metadata() => JsonNode.Parse(File.ReadAllText(Path.Combine(package.Folder, "functions.metadata")))!.AsArray();

    [Fact]
    public void FunctionsMetadata_ListsExactlyTheFunctionsTheAssemblyDefines()
    {
        var defined = typeof(Http.HealthFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(x => x.Attribute is not null)
            .ToDictionary(x => x.Attribute!.Name, x => $"{x.Method.DeclaringType!.FullName}.{x.Method.Name}", StringComparer.Ordinal);
        var listed = Metadata().Select(f => f!.AsObject()).ToList();
        var names = listed.Select(f => f["name"]!.GetValue<string>()).ToList();

        Assert.True(defined.Count >= 30, $"only {defined.Count} [Function] methods found by reflection");
        Assert.Empty(defined.Keys.Except(names).Order(StringComparer.Ordinal)); // defined but not in the package's index
        Assert.Empty(names.Except(defined.Keys).Order(StringComparer.Ordinal)); // in the index but not defined
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(listed, f =>
        {
            var name = f["name"]!.GetValue<string>();
            Assert.Equal(EntryAssembly, f["scriptFile"]!.GetValue<string>());
            Assert.Equal(defined[name], f["entryPoint"]!.GetValue<string>());
            Assert.Equal("dotnet-isolated", f["language"]!.GetValue<string>());
        });
        Assert.True(File.Exists(Path.Combine(package.Folder, EntryAssembly)), $"{EntryAssembly} is not in the package");
    }

    [Fact]
    public void WorkerConfig_StartsTheEntryAssemblyWithDotnet()
    {
        var description = JsonNode.Parse(File.ReadAllText(Path.Combine(package.Folder, "worker.config.json")))!["description"]!;

        Assert.Equal("dotnet-isolated", description["language"]!.GetValue<string>());
        Assert.Equal("dotnet", description["defaultExecutablePath"]!.GetValue<string>());
        Assert.Equal(EntryAssembly, description["defaultWorkerPath"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(package.Folder, "AgentFunctions.Functions.runtimeconfig.json")));
    }

    [Fact]
    public void Extensions_CoverEveryBindingTypeUsed_AndTheirAssembliesAreInTheAzureFunctionsFolder()
    {
        var extensions = JsonNode.Parse(File.ReadAllText(Path.Combine(package.Folder, "extensions.json")))!["extensions"]!.AsArray()
            .Select(e => (Name: e!["name"]!.GetValue<string>(), HintPath: e["hintPath"]!.GetValue<string>())).ToList();
        var bindingTypes = Metadata().SelectMany(f => f!["bindings"]!.AsArray()).Select(b => b!["type"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["httpTrigger", "queueTrigger", "orchestrationTrigger", "activityTrigger", "durableClient"]), bindingTypes);
        var unknown = bindingTypes.Where(t => !s_extensionOfBinding.ContainsKey(t)).ToList();
        Assert.True(unknown.Count == 0, $"binding types with no known extension (add them to the map): {string.Join(", ", unknown)}");
        var needed = bindingTypes.Select(t => s_extensionOfBinding[t]).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Assert.Equal(["AzureStorageQueues", "DurableTask"], needed.Order(StringComparer.Ordinal));
        Assert.Superset(needed, extensions.Select(e => e.Name).ToHashSet(StringComparer.Ordinal));
        Assert.All(extensions, e =>
        {
            Assert.StartsWith("./.azurefunctions/", e.HintPath, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(package.Folder, e.HintPath)), $"extension {e.Name}: {e.HintPath} is not in the package");
        });
        var azureFunctions = Path.Combine(package.Folder, ".azurefunctions");
        Assert.True(File.Exists(Path.Combine(azureFunctions, "function.deps.json")), ".azurefunctions/function.deps.json is missing");
        Assert.True(File.Exists(Path.Combine(azureFunctions, "Microsoft.Azure.WebJobs.Extensions.DurableTask.dll")));
        Assert.True(File.Exists(Path.Combine(azureFunctions, "Microsoft.Azure.WebJobs.Extensions.Storage.Queues.dll")));
    }

    [Fact]
    public void HostJson_IsTheRepositorysCopy_AndNoLocalSettingsAreShipped()
    {
        Assert.Equal(File.ReadAllBytes(Path.Combine(AppHarness.RepositoryRoot, "host.json")), File.ReadAllBytes(Path.Combine(package.Folder, "host.json")));
        Assert.DoesNotContain(package.Files(), f => Path.GetFileName(f) == "local.settings.json");
    }

    [Theory]
    [InlineData("skills")]
    [InlineData("graphs")]
    [InlineData("examples/recordings")]
    [InlineData("examples/sample-repo")]
    public void Content_IsTheRepositorysFolder_FileForFile(string folder)
    {
        var repository = PublishedPackage.RelativeFiles(AppHarness.RepositoryRoot, Path.Combine(AppHarness.RepositoryRoot, folder));
        var packaged = PublishedPackage.RelativeFiles(package.Folder, Path.Combine(package.Folder, folder));

        Assert.NotEmpty(repository);
        Assert.Equal(repository, packaged);
        Assert.All(repository, f => Assert.True(
            Hash(Path.Combine(AppHarness.RepositoryRoot, f)) == Hash(Path.Combine(package.Folder, f)), $"{f} differs from the repository's"));
    }

    [Fact]
    public void Dashboard_IsTheBuiltFrontEnd_FileForFile()
    {
        var built = PublishedPackage.RelativeFiles(Path.Combine(AppHarness.RepositoryRoot, "dashboard", "dist"), Path.Combine(AppHarness.RepositoryRoot, "dashboard", "dist"));
        var packaged = PublishedPackage.RelativeFiles(Path.Combine(package.Folder, "dashboard"), Path.Combine(package.Folder, "dashboard"));

        Assert.Contains("index.html", built);
        Assert.Equal(built, packaged);
        Assert.All(built, f => Assert.True(
            Hash(Path.Combine(AppHarness.RepositoryRoot, "dashboard", "dist", f)) == Hash(Path.Combine(package.Folder, "dashboard", f)), $"dashboard/{f} differs from the build"));
    }

    [Fact]
    public void Content_LeavesOutWhatOnlyTestsRead()
    {
        Assert.False(Directory.Exists(Path.Combine(package.Folder, "examples", "sample-repo-patches")));
        Assert.Equal(["recordings", "sample-repo"], Directory.GetDirectories(Path.Combine(package.Folder, "examples")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Zip_HoldsThePackagesFilesAtItsRoot()
    {
        using var zip = ZipFile.OpenRead(package.Zip);
        var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Directory.EnumerateFiles(package.Folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(package.Folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal), entries);
        Assert.Contains("host.json", entries);
        Assert.Contains("functions.metadata", entries);
        // A zip that leaves out dot-folders deploys an app whose functions the host never finds (Azure/azure-functions-dotnet-worker#2070).
        Assert.Contains(".azurefunctions/Microsoft.Azure.WebJobs.Extensions.DurableTask.dll", entries);
        Assert.Equal(new FileInfo(Path.Combine(package.Folder, "host.json")).Length, zip.GetEntry("host.json")!.Length);
    }

    [Fact]
    public void Script_PrintsTheSizesOfPackageAndZip()
    {
        Assert.Matches(@"package: .+ — \d+ files, [\d.]+ MiB", package.ScriptOutput);
        Assert.Matches(@"zip: +.+agentfunctions\.zip — [\d.]+ MiB", package.ScriptOutput);
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
