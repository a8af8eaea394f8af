using System.Text.Json.Nodes;
using AgentFunctions.TestSupport;
using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Functions.Tests.Deploy;

/// <summary>
/// azure.yaml and infra/bicep/main.parameters.json fit the template the way the Azure Developer CLI reads them
/// (learn.microsoft.com/azure/developer/azure-developer-cli/azd-schema): the service <c>api</c> is the Functions project,
/// the site carries <c>azd-service-name: api</c>, and every parameter the file sets exists in main.bicep.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class AzdLayoutTests(CompiledTemplateFixture compiled)
{
    [Fact]
    public void AzureYaml_ApiService_IsTheFunctionsProjectOnTheBicepInfra()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(AppHarness.RepositoryRoot, "azure.yaml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var infra = (YamlMappingNode)root["infra"];
        var api = (YamlMappingNode)((YamlMappingNode)root["services"])["api"];

        Assert.Equal("bicep", infra["provider"].ToString());
        Assert.True(File.Exists(Path.Combine(AppHarness.RepositoryRoot, infra["path"].ToString(), infra["module"] + ".bicep")));
        Assert.Equal("function", api["host"].ToString());
        Assert.Equal("dotnet", api["language"].ToString());
        Assert.True(File.Exists(Path.Combine(AppHarness.RepositoryRoot, api["project"].ToString(), "AgentFunctions.Functions.csproj")));
    }

    [Fact]
    public void Site_CarriesTheAzdServiceTag()
    {
        var site = ArmTemplate.Flatten(compiled.Template).Single(r => r.Type == "Microsoft.Web/sites");

        // The tags are union(variables('tags'), {'azd-service-name': 'api'}): an expression, read as text.
        Assert.Contains("createObject('azd-service-name', 'api')", site.Body["tags"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ParametersFile_SetsOnlyTemplateParameters_WithAzdVariables()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(CompiledTemplateFixture.InfraFolder, "main.parameters.json")))!;
        var declared = compiled.Template["parameters"]!.AsObject().Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        var set = file["parameters"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!["value"]!.GetValue<string>());

        var unknown = set.Keys.Where(k => !declared.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, $"main.parameters.json sets parameters main.bicep does not declare: {string.Join(", ", unknown)}");
        Assert.Equal("${AZURE_ENV_NAME}", set["environmentName"]);
        Assert.Equal("${AZURE_LOCATION}", set["location"]);
        Assert.Equal("${AZURE_PRINCIPAL_ID}", set["principalId"]);
    }
}
