using AgentFunctions.Core.Tools.Processes;

namespace AgentFunctions.Core.Tests.Tools.Sandbox;

/// <summary>Which inherited variables a tool's process keeps: the rules of <see cref="SandboxEnvironment"/> over a plain dictionary.</summary>
public sealed class SandboxEnvironmentTests
{
    [Theory]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("AzureWebJobsStorage__accountName")]
    [InlineData("AzureWebJobsDashboard")]
    [InlineData("ConnectionStrings__Default")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING")]
    [InlineData("CUSTOMCONNSTR_db")]
    [InlineData("OPENAI_API_KEY")]
    [InlineData("openai_base_url")]
    [InlineData("ANTHROPIC_BASE_URL")]
    [InlineData("AZURE_CLIENT_ID")]
    [InlineData("AZURE_CLIENT_SECRET")]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("GH_TOKEN")]
    [InlineData("MyApiKey")]
    [InlineData("DB_PASSWORD")]
    [InlineData("MYSQL_PASSWD")]
    [InlineData("GOOGLE_APPLICATION_CREDENTIALS")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    [InlineData("BLOB_SAS_URL")]
    [InlineData("containerSasUri")]
    [InlineData("Auth__ApiKeys__0")]
    [InlineData("Models__OpenAI__Endpoint")]
    [InlineData("Providers__local__Endpoint")]
    [InlineData("IDENTITY_ENDPOINT")]
    [InlineData("IDENTITY_HEADER")]
    [InlineData("MSI_ENDPOINT")]
    [InlineData("APPSETTING_FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("SSH_AUTH_SOCK")]
    public void IsDenied_SecretLookingName_Removed(string name)
    {
        Assert.True(SandboxEnvironment.IsDenied(name, "x", new SandboxOptions()), $"{name} would reach the tool");
    }

    [Theory]
    [InlineData("PATH")]
    [InlineData("HOME")]
    [InlineData("LANG")]
    [InlineData("LC_ALL")]
    [InlineData("TMPDIR")]
    [InlineData("PWD")]
    [InlineData("USER")]
    [InlineData("DOTNET_ROOT")]
    [InlineData("DOTNET_CLI_TELEMETRY_OPTOUT")]
    [InlineData("PYTHONPATH")]
    [InlineData("GIT_AUTHOR_NAME")]
    [InlineData("MASSIVE_FLAG")]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("AF_RUN_ID")]
    public void IsDenied_OrdinaryName_Kept(string name)
    {
        Assert.False(SandboxEnvironment.IsDenied(name, "/usr/bin:/bin", new SandboxOptions()), $"{name} would be removed");
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc==;EndpointSuffix=core.windows.net")]
    [InlineData("Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=n;SharedAccessKey=abc=")]
    [InlineData("https://a.blob.core.windows.net/c/pkg.zip?sv=2022-11-02&sr=b&sig=abc%3D")]
    public void IsDenied_InnocentNameWithCredentialValue_Removed(string value)
    {
        Assert.True(SandboxEnvironment.IsDenied("DEPLOY_TARGET", value, new SandboxOptions()));
    }

    [Fact]
    public void Scrub_MixedEnvironment_KeepsOrdinaryAndDropsSecrets()
    {
        var inherited = new Dictionary<string, string?>
        {
            ["PATH"] = "/usr/bin:/bin",
            ["HOME"] = "/home/app",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Models__OpenAI__ApiKey"] = "sk-test",
            ["EMPTY"] = null,
        };

        var kept = SandboxEnvironment.Scrub(inherited, new SandboxOptions());

        Assert.Equal(["EMPTY", "HOME", "PATH"], kept.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("/usr/bin:/bin", kept["PATH"]);
    }

    [Fact]
    public void Scrub_PassAndExtraDeniedLists_OverrideTheBuiltInRules()
    {
        var inherited = new Dictionary<string, string?>
        {
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
            ["AZURE_CLIENT_SECRET"] = "s",
            ["MYCOMPANY_LICENSE"] = "l",
            ["mycompany_region"] = "eu",
            ["PATH"] = "/bin",
        };
        var options = new SandboxOptions
        {
            PassVariables = ["azure_functions_environment", " ", "MYCOMPANY_*"],
            ExtraDeniedVariables = ["MYCOMPANY_LIC*", ""],
        };

        var kept = SandboxEnvironment.Scrub(inherited, options);

        // Passed despite AZURE_; the extra deny wins over the pass pattern; blank entries are ignored.
        Assert.Equal(["AZURE_FUNCTIONS_ENVIRONMENT", "PATH", "mycompany_region"], kept.Keys.Order(StringComparer.Ordinal));
    }
}
