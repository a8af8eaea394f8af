using System.Text.Json.Nodes;

namespace AgentFunctions.Functions.Tests.Deploy;

/// <summary>
/// The contract checks can fail: each test breaks the compiled template in one way and expects exactly the failure that
/// names it (and no other).
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class DeploymentContractMutationTests(CompiledTemplateFixture compiled)
{
    [Fact]
    public void Check_TableRoleAssignmentRemoved_ReportsTheMissingRole()
    {
        var template = compiled.CopyOfTemplate();
        Remove(template, r => Type(r) == "Microsoft.Authorization/roleAssignments" && r.ToJsonString().Contains("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", StringComparison.Ordinal));

        AssertOnlyFailure(template, "no role assignment of Storage Table Data Contributor (0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3) for the app's identity on the storage account");
    }

    [Fact]
    public void Check_QueueRoleMadeConditional_ReportsTheMissingRole()
    {
        var template = compiled.CopyOfTemplate();
        var queueRole = Find(template, r => Type(r) == "Microsoft.Authorization/roleAssignments" && r.ToJsonString().Contains("974c5e8b-45b9-4653-ba55-5f855dd0fb88", StringComparison.Ordinal)).Single();
        queueRole["condition"] = "[not(empty(parameters('deployerPrincipalId')))]";

        AssertOnlyFailure(template, "no role assignment of Storage Queue Data Contributor (974c5e8b-45b9-4653-ba55-5f855dd0fb88) for the app's identity on the storage account");
    }

    [Fact]
    public void Check_BlobRoleGivenToAnotherPrincipal_ReportsTheMissingRole()
    {
        var template = compiled.CopyOfTemplate();
        var blobRole = Find(template, r => Type(r) == "Microsoft.Authorization/roleAssignments" && r.ToJsonString().Contains("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", StringComparison.Ordinal)).Single();
        blobRole["properties"]!["principalId"] = "[parameters('deployerPrincipalId')]";

        AssertOnlyFailure(template, "no role assignment of Storage Blob Data Owner (b7e6dc6d-f1e8-4753-8033-0f276bb0955b) for the app's identity on the storage account");
    }

    [Fact]
    public void Check_RequiredSettingRemoved_ReportsTheSetting()
    {
        var template = compiled.CopyOfTemplate();
        AppSettings(template).Remove("Orchestration__RunRequestQueue");

        AssertOnlyFailure(template, "Orchestration__RunRequestQueue (local.settings.sample.json) is neither set in the app settings nor listed in settings-not-set.json");
    }

    [Fact]
    public void Check_SettingBothSetAndNotSet_ReportsBoth()
    {
        var template = compiled.CopyOfTemplate();
        AppSettings(template)["Durable__Backend"] = "AzureStorage";

        AssertOnlyFailure(template, "Durable__Backend is both set in the app settings and listed in settings-not-set.json");
    }

    [Fact]
    public void Check_StaleNotSetEntry_ReportsIt()
    {
        var inputs = compiled.Inputs with { NotSet = new Dictionary<string, string>(compiled.Inputs.NotSet) { ["Models__Gone"] = "removed" } };

        Assert.Equal(["settings-not-set.json lists Models__Gone, which local.settings.sample.json does not have"], DeploymentContract.Check(compiled.CopyOfTemplate(), inputs));
    }

    [Fact]
    public void Check_WorkerRuntimeSetting_ReportsItIsNotAllowedOnFlex()
    {
        var template = compiled.CopyOfTemplate();
        AppSettings(template)["FUNCTIONS_EXTENSION_VERSION"] = "~4";

        AssertOnlyFailure(template, "FUNCTIONS_EXTENSION_VERSION is set, but Flex Consumption does not allow it as an app setting");
    }

    [Fact]
    public void Check_PlainApiKey_ReportsANonKeyVaultSecret()
    {
        var template = compiled.CopyOfTemplate();
        AppSettings(template)["Models__OpenAI__ApiKey"] = "sk-test";

        AssertOnlyFailure(template, "Models__OpenAI__ApiKey looks like a secret but its value is not a Key Vault reference");
    }

    [Fact]
    public void Check_AccountKeyInASetting_ReportsTheKey()
    {
        var template = compiled.CopyOfTemplate();
        AppSettings(template)["Storage__MaxRetries"] = "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc==";

        AssertOnlyFailure(template, "Storage__MaxRetries carries a storage account key");
    }

    [Fact]
    public void Check_ListKeysAnywhere_ReportsIt()
    {
        var template = compiled.CopyOfTemplate();
        AppSettings(template)["Storage__MaxRetries"] = "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'x'), '2023-05-01').keys[0].value]";

        var failures = DeploymentContract.Check(template, compiled.Inputs);

        Assert.Contains("the template calls listKeys(): no account key may be read anywhere", failures);
        Assert.Contains("Storage__MaxRetries carries a storage account key", failures);
    }

    [Fact]
    public void Check_SharedKeyAccessAllowed_ReportsTheAccount()
    {
        var template = compiled.CopyOfTemplate();
        var account = Find(template, r => Type(r) == "Microsoft.Storage/storageAccounts").Single();
        account["properties"]!["allowSharedKeyAccess"] = true;

        var failure = Assert.Single(DeploymentContract.Check(template, compiled.Inputs));
        Assert.Matches(@"^storage account \[format\('st\{0\}', .+\)\] does not set allowSharedKeyAccess to false$", failure);
    }

    [Fact]
    public void Check_ConsumptionPlan_ReportsTheSku()
    {
        var template = compiled.CopyOfTemplate();
        var plan = Find(template, r => Type(r) == "Microsoft.Web/serverfarms").Single();
        plan["sku"] = new JsonObject { ["name"] = "Y1", ["tier"] = "Dynamic" };

        AssertOnlyFailure(template, "the plan's sku is Y1/Dynamic, not FC1/FlexConsumption");
    }

    [Fact]
    public void Check_RuntimeVersionOfAnotherFramework_ReportsTheMismatch()
    {
        var template = compiled.CopyOfTemplate();
        template["parameters"]!["runtimeVersion"]!["defaultValue"] = "8.0";

        AssertOnlyFailure(template, "the site's functionAppConfig.runtime is dotnet-isolated 8.0, not dotnet-isolated 10.0 (the app's target framework)");
    }

    [Fact]
    public void Check_HostStorageByConnectionStringName_ReportsIdentityMissing()
    {
        var template = compiled.CopyOfTemplate();
        AppSettings(template).Remove("AzureWebJobsStorage__clientId");

        AssertOnlyFailure(template, "host storage is not identity-based: AzureWebJobsStorage__accountName, __credential=managedidentity and __clientId of the user-assigned identity are needed");
    }

    [Fact]
    public void Check_AppInsightsLocalAuthOn_ReportsTheConnectionStringIsASecret()
    {
        var template = compiled.CopyOfTemplate();
        var component = Find(template, r => Type(r) == "Microsoft.Insights/components").Single();
        component["properties"]!["DisableLocalAuth"] = false;

        var failure = Assert.Single(DeploymentContract.Check(template, compiled.Inputs));
        Assert.Matches(@"^Application Insights \[format\('appi-\{0\}', .+\)\] allows local \(instrumentation key\) authentication, so its connection string would be a secret$", failure);
    }

    private void AssertOnlyFailure(JsonNode template, string expected) =>
        Assert.Equal([expected], DeploymentContract.Check(template, compiled.Inputs));

    private static string? Type(JsonObject resource) => resource["type"]?.GetValue<string>();

    private static JsonObject AppSettings(JsonNode template) =>
        Find(template, r => Type(r) == "Microsoft.Web/sites/config").Single()["properties"]!.AsObject();

    // Resources of the raw template and of every nested deployment's template, as the nodes in the tree (to change them).
    private static IEnumerable<JsonObject> Find(JsonNode template, Func<JsonObject, bool> match)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>().ToList(),
            JsonObject symbolic => symbolic.Select(kv => kv.Value).OfType<JsonObject>().ToList(),
            _ => [],
        };
        foreach (var resource in resources)
        {
            if (match(resource))
            {
                yield return resource;
            }

            if (resource["properties"]?["template"] is JsonObject inner)
            {
                foreach (var nested in Find(inner, match))
                {
                    yield return nested;
                }
            }
        }
    }

    private static void Remove(JsonNode template, Func<JsonObject, bool> match)
    {
        var victim = Find(template, match).Single();
        switch (victim.Parent)
        {
            case JsonArray array:
                array.Remove(victim);
                break;
            case JsonObject symbolic:
                symbolic.Remove(symbolic.Single(kv => ReferenceEquals(kv.Value, victim)).Key);
                break;
        }
    }
}
