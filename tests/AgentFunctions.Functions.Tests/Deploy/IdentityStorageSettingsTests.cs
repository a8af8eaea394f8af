using AgentFunctions.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace AgentFunctions.Functions.Tests.Deploy;

/// <summary>
/// The app reads the storage settings the template sets: the AzureWebJobsStorage__* app settings of the compiled
/// template, with a sample account name and client id in place of their expressions, give an identity-based connection
/// to that account's blob, queue and table endpoints (no connection string). No token is requested here.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class IdentityStorageSettingsTests(CompiledTemplateFixture compiled)
{
    [Fact]
    public void StorageConnection_FromTemplateSettings_IsIdentityBasedOnTheAccount()
    {
        var settings = DeploymentContract.AppSettings(ArmTemplate.Flatten(compiled.Template))
            .Where(kv => kv.Key.StartsWith("AzureWebJobsStorage", StringComparison.Ordinal))
            .ToDictionary(
                kv => kv.Key.Replace("__", ":", StringComparison.Ordinal),
                kv => (string?)(kv.Key switch
                {
                    "AzureWebJobsStorage__accountName" => "stsample",
                    "AzureWebJobsStorage__clientId" => "00000000-0000-0000-0000-000000000001",
                    _ => kv.Value,
                }));
        Assert.Equal(["AzureWebJobsStorage:accountName", "AzureWebJobsStorage:clientId", "AzureWebJobsStorage:credential"], settings.Keys.Order(StringComparer.Ordinal));

        var connection = StorageConnection.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        Assert.Equal("azure-identity", connection.Label);
        Assert.Null(connection.ConnectionString);
        Assert.NotNull(connection.Credential);
        Assert.Equal(new Uri("https://stsample.blob.core.windows.net"), connection.BlobServiceUri);
        Assert.Equal(new Uri("https://stsample.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.Equal(new Uri("https://stsample.table.core.windows.net"), connection.TableServiceUri);
    }
}
