using AgentFunctions.Core.Models;

namespace AgentFunctions.Core.Tests.Models;

public sealed class ModelSettingsCheckTests
{
    [Fact]
    public void Problems_UnresolvedKeyVaultReferences_NameTheSettingAndTheFix()
    {
        var options = new ModelOptions();
        options.OpenAI.ApiKey = "@Microsoft.KeyVault(VaultName=kv-demo;SecretName=openai-api-key)";
        options.Anthropic.ApiKey = "sk-ant-real";
        options.Providers["local"] = new ProviderOptions { ApiKey = " @microsoft.keyvault(SecretUri=https://kv-demo.vault.azure.net/secrets/local/)" };

        var problems = ModelSettingsCheck.Problems(options);

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("Models:OpenAI:ApiKey is an unresolved Key Vault reference (@Microsoft.KeyVault(VaultName=kv-demo;SecretName=openai-api-key))", problems[0], StringComparison.Ordinal);
        Assert.Contains("Key Vault Secrets User", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Models:Providers:local:ApiKey", problems[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("sk-123", false)]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://x.vault.azure.net/secrets/k/)", true)]
    public void IsUnresolvedKeyVaultReference_OnlyForReferenceText(string? value, bool expected) =>
        Assert.Equal(expected, ModelSettingsCheck.IsUnresolvedKeyVaultReference(value));
}
