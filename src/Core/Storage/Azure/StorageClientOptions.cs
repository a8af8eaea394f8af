using Azure.Core;

namespace AgentFunctions.Core.Storage.Azure;

/// <summary>The Azure.Core <see cref="ClientOptions"/> our storage pipelines are built from (retry, diagnostics, per-call policies).</summary>
internal sealed class StorageClientOptions : ClientOptions
{
    public StorageClientOptions(AzureStorageAccountOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = options.MaxRetries;
        Retry.Delay = options.RetryDelay;
        Retry.MaxDelay = options.MaxRetryDelay;
        Retry.NetworkTimeout = options.NetworkTimeout;
        Diagnostics.ApplicationId = "AgentFunctions";
        foreach (var policy in options.PerCallPolicies)
        {
            AddPolicy(policy, HttpPipelinePosition.PerCall);
        }
    }
}
