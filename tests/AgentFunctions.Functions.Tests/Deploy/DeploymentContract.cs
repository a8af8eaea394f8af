using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AgentFunctions.Functions.Tests.Deploy;

/// <summary>
/// What infra/bicep must guarantee, checked on the compiled ARM template: a Flex Consumption plan, the dotnet-isolated
/// runtime of the app's target framework, every setting of local.settings.sample.json either set or deliberately not set
/// (infra/bicep/settings-not-set.json), keyless storage reached by the app's user-assigned identity with the blob, queue
/// and table roles, and no secret in a plain app setting. Each failure is one sentence naming what is wrong.
/// </summary>
internal static partial class DeploymentContract
{
    /// <summary>Built-in role ids the app's identity needs on the storage account (learn.microsoft.com/azure/role-based-access-control/built-in-roles).</summary>
    public static readonly IReadOnlyList<(string Name, string Id)> StorageRoles =
    [
        ("Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b"),
        ("Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88"),
        ("Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"),
    ];

    // APPLICATIONINSIGHTS_CONNECTION_STRING matches the secret-name pattern but is not a secret here: the component has
    // DisableLocalAuth, so its instrumentation key cannot send telemetry without an Entra ID token (checked below).
    private static readonly string[] s_notSecrets = ["APPLICATIONINSIGHTS_CONNECTION_STRING"];

    // Not allowed as app settings on Flex Consumption (functions-app-settings, "Flex Consumption plan deprecations").
    private static readonly string[] s_notOnFlex = ["FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING"];

    [GeneratedRegex("ApiKey|Secret|Password|ConnectionString", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    /// <summary>Checks a compiled template.</summary>
    /// <param name="template">The ARM JSON of infra/bicep/main.bicep.</param>
    /// <param name="inputs">The sample's keys, the settings deliberately not set, and the expected runtime version.</param>
    /// <returns>The failures, empty when the template keeps the contract.</returns>
    public static IReadOnlyList<string> Check(JsonNode template, DeploymentInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(inputs);
        var resources = ArmTemplate.Flatten(template);
        var failures = new List<string>();
        if (template.ToJsonString().Contains("listKeys", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("the template calls listKeys(): no account key may be read anywhere");
        }

        CheckPlan(resources, failures);
        var site = Single(resources, "Microsoft.Web/sites", failures);
        var identity = Single(resources, "Microsoft.ManagedIdentity/userAssignedIdentities", failures);
        if (site is not null)
        {
            CheckRuntime(site, inputs.RuntimeVersion, failures);
            var settings = AppSettings(resources);
            CheckSettings(settings, inputs, failures);
            CheckSecrets(settings, failures);
            if (identity is not null)
            {
                CheckIdentity(site, identity, settings, failures);
            }
        }

        if (identity is not null)
        {
            CheckRoles(resources, identity, failures);
        }

        CheckStorage(resources, failures);
        CheckAppInsights(resources, failures);
        return failures;
    }

    private static ArmResource? Single(IReadOnlyList<ArmResource> resources, string type, List<string> failures)
    {
        var found = resources.Where(r => r.Type.Equals(type, StringComparison.OrdinalIgnoreCase)).ToList();
        if (found.Count != 1)
        {
            failures.Add($"expected one {type}, found {found.Count}");
            return null;
        }

        return found[0];
    }

    private static void CheckPlan(IReadOnlyList<ArmResource> resources, List<string> failures)
    {
        var plan = Single(resources, "Microsoft.Web/serverfarms", failures);
        var sku = plan?.Body["sku"];
        if (plan is not null && (Text(sku?["name"]) != "FC1" || Text(sku?["tier"]) != "FlexConsumption"))
        {
            failures.Add($"the plan's sku is {Text(sku?["name"])}/{Text(sku?["tier"])}, not FC1/FlexConsumption");
        }
    }

    private static void CheckRuntime(ArmResource site, string expectedVersion, List<string> failures)
    {
        var runtime = site.Properties["functionAppConfig"]?["runtime"];
        var name = Text(runtime?["name"]);
        var version = Text(runtime?["version"]);
        if (name != "dotnet-isolated" || version != expectedVersion)
        {
            failures.Add($"the site's functionAppConfig.runtime is {name} {version}, not dotnet-isolated {expectedVersion} (the app's target framework)");
        }
    }

    /// <summary>The site's app settings: the <c>appsettings</c> config resource and <c>siteConfig.appSettings</c>.</summary>
    /// <param name="resources">The flattened template.</param>
    /// <returns>Setting name to value (a literal or an expression).</returns>
    public static IReadOnlyDictionary<string, string> AppSettings(IReadOnlyList<ArmResource> resources)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var config in resources.Where(r => r.Type.Equals("Microsoft.Web/sites/config", StringComparison.OrdinalIgnoreCase)
            && r.Name.Contains("appsettings", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var (key, value) in config.Properties)
            {
                settings[key] = value?.ToString() ?? "";
            }
        }

        foreach (var site in resources.Where(r => r.Type.Equals("Microsoft.Web/sites", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var item in site.Properties["siteConfig"]?["appSettings"] as JsonArray ?? [])
            {
                settings[Text(item?["name"]) ?? ""] = item?["value"]?.ToString() ?? "";
            }
        }

        return settings;
    }

    private static void CheckSettings(IReadOnlyDictionary<string, string> settings, DeploymentInputs inputs, List<string> failures)
    {
        foreach (var key in inputs.SampleKeys)
        {
            var set = settings.ContainsKey(key);
            var notSet = inputs.NotSet.ContainsKey(key);
            if (set && notSet)
            {
                failures.Add($"{key} is both set in the app settings and listed in settings-not-set.json");
            }
            else if (!set && !notSet)
            {
                failures.Add($"{key} (local.settings.sample.json) is neither set in the app settings nor listed in settings-not-set.json");
            }
        }

        foreach (var (key, reason) in inputs.NotSet)
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                failures.Add($"settings-not-set.json gives no reason for {key}");
            }

            if (!inputs.SampleKeys.Contains(key))
            {
                failures.Add($"settings-not-set.json lists {key}, which local.settings.sample.json does not have");
            }
        }

        foreach (var key in s_notOnFlex.Where(settings.ContainsKey))
        {
            failures.Add($"{key} is set, but Flex Consumption does not allow it as an app setting");
        }
    }

    private static void CheckSecrets(IReadOnlyDictionary<string, string> settings, List<string> failures)
    {
        foreach (var (key, value) in settings)
        {
            if (value.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase) || value.Contains("listKeys", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{key} carries a storage account key");
            }
            else if (SecretName().IsMatch(key) && !s_notSecrets.Contains(key, StringComparer.Ordinal)
                && !value.Contains("@Microsoft.KeyVault(", StringComparison.Ordinal))
            {
                failures.Add($"{key} looks like a secret but its value is not a Key Vault reference");
            }
        }
    }

    private static void CheckIdentity(ArmResource site, ArmResource identity, IReadOnlyDictionary<string, string> settings, List<string> failures)
    {
        var userAssigned = site.Body["identity"]?["userAssignedIdentities"] as JsonObject ?? [];
        if (!userAssigned.Any(kv => RefersTo(kv.Key, identity)))
        {
            failures.Add("the site does not carry the user-assigned identity");
        }

        if (!RefersTo(Text(site.Properties["keyVaultReferenceIdentity"]), identity))
        {
            failures.Add("the site's keyVaultReferenceIdentity is not the user-assigned identity");
        }

        if (!settings.ContainsKey("AzureWebJobsStorage__accountName")
            || !settings.TryGetValue("AzureWebJobsStorage__credential", out var credential) || credential != "managedidentity"
            || !settings.TryGetValue("AzureWebJobsStorage__clientId", out var clientId) || !RefersTo(clientId, identity, ".clientId"))
        {
            failures.Add("host storage is not identity-based: AzureWebJobsStorage__accountName, __credential=managedidentity and __clientId of the user-assigned identity are needed");
        }

        var deployment = site.Properties["functionAppConfig"]?["deployment"]?["storage"]?["authentication"];
        if (Text(deployment?["type"]) != "UserAssignedIdentity" || !RefersTo(Text(deployment?["userAssignedIdentityResourceId"]), identity))
        {
            failures.Add("the deployment storage is not reached with the user-assigned identity");
        }
    }

    private static void CheckRoles(IReadOnlyList<ArmResource> resources, ArmResource identity, List<string> failures)
    {
        var assignments = resources.Where(r => r.Type.Equals("Microsoft.Authorization/roleAssignments", StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var (name, id) in StorageRoles)
        {
            var granted = assignments.Any(a => a.IsUnconditional
                && (Text(a.Properties["roleDefinitionId"]) ?? "").Contains(id, StringComparison.OrdinalIgnoreCase)
                && RefersTo(Text(a.Properties["principalId"]), identity, ".principalId")
                && (a.Scope ?? "").Contains("Microsoft.Storage/storageAccounts", StringComparison.OrdinalIgnoreCase));
            if (!granted)
            {
                failures.Add($"no role assignment of {name} ({id}) for the app's identity on the storage account");
            }
        }
    }

    private static void CheckStorage(IReadOnlyList<ArmResource> resources, List<string> failures)
    {
        foreach (var account in resources.Where(r => r.Type.Equals("Microsoft.Storage/storageAccounts", StringComparison.OrdinalIgnoreCase)))
        {
            if (account.Properties["allowSharedKeyAccess"] is not JsonValue shared || !shared.TryGetValue<bool>(out var allowed) || allowed)
            {
                failures.Add($"storage account {account.Name} does not set allowSharedKeyAccess to false");
            }

            if (account.Properties["allowBlobPublicAccess"] is not JsonValue open || !open.TryGetValue<bool>(out var isOpen) || isOpen)
            {
                failures.Add($"storage account {account.Name} does not set allowBlobPublicAccess to false");
            }

            if (Text(account.Properties["minimumTlsVersion"]) != "TLS1_2")
            {
                failures.Add($"storage account {account.Name} does not require TLS 1.2");
            }
        }
    }

    private static void CheckAppInsights(IReadOnlyList<ArmResource> resources, List<string> failures)
    {
        foreach (var component in resources.Where(r => r.Type.Equals("Microsoft.Insights/components", StringComparison.OrdinalIgnoreCase)))
        {
            if (component.Properties["DisableLocalAuth"] is not JsonValue v || !v.TryGetValue<bool>(out var disabled) || !disabled)
            {
                failures.Add($"Application Insights {component.Name} allows local (instrumentation key) authentication, so its connection string would be a secret");
            }
        }
    }

    // Whether an expression names the identity: its type and its (resolved) name expression, and, for a property such as
    // .principalId, that property after it.
    private static bool RefersTo(string? expression, ArmResource identity, string? property = null)
    {
        if (string.IsNullOrEmpty(expression))
        {
            return false;
        }

        var name = identity.Name.StartsWith('[') ? identity.Name[1..^1] : $"'{identity.Name}'";
        return expression.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", StringComparison.OrdinalIgnoreCase)
            && expression.Contains(name, StringComparison.Ordinal)
            && (property is null || expression.EndsWith(property + "]", StringComparison.Ordinal) || expression.Contains(property + ".", StringComparison.Ordinal));
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToString();
}
