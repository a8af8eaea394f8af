using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace AgentFunctions.Functions.Tests.Deploy;

/// <summary>What the deployment contract compares the template with, read from the repository.</summary>
/// <param name="SampleKeys">Every key of local.settings.sample.json's <c>Values</c>, as written there (<c>__</c> separators).</param>
/// <param name="NotSet">infra/bicep/settings-not-set.json: key to the reason the template does not set it.</param>
/// <param name="RuntimeVersion">The dotnet-isolated version the app needs, from its TargetFramework (<c>net10.0</c> gives <c>10.0</c>).</param>
internal sealed record DeploymentInputs(IReadOnlySet<string> SampleKeys, IReadOnlyDictionary<string, string> NotSet, string RuntimeVersion)
{
    /// <summary>Reads the inputs from a repository checkout.</summary>
    /// <param name="root">The repository root.</param>
    /// <param name="infraFolder">The folder holding settings-not-set.json (default: <c>infra/bicep</c> under the root).</param>
    /// <returns>The inputs.</returns>
    public static DeploymentInputs FromRepository(string root, string? infraFolder = null)
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "local.settings.sample.json")))!;
        var keys = sample["Values"]!.AsObject().Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        var notSet = JsonNode.Parse(File.ReadAllText(Path.Combine(infraFolder ?? Path.Combine(root, "infra", "bicep"), "settings-not-set.json")))!
            .AsObject().ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? "", StringComparer.Ordinal);
        return new DeploymentInputs(keys, notSet, RuntimeVersionOf(root));
    }

    // The Functions project's TargetFramework, or the one Directory.Build.props gives every project.
    private static string RuntimeVersionOf(string root)
    {
        string? Framework(string file) =>
            XDocument.Load(file).Descendants("TargetFramework").Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0);
        var framework = Framework(Path.Combine(root, "src", "Functions", "AgentFunctions.Functions.csproj"))
            ?? Framework(Path.Combine(root, "Directory.Build.props"))
            ?? throw new InvalidOperationException("No TargetFramework in src/Functions/AgentFunctions.Functions.csproj or Directory.Build.props.");
        if (!framework.StartsWith("net", StringComparison.Ordinal) || !Version.TryParse(framework[3..], out var version))
        {
            throw new InvalidOperationException($"TargetFramework '{framework}' is not of the form netX.Y.");
        }

        return $"{version.Major}.{version.Minor}";
    }
}
