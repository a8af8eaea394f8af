using Azure.Core.Pipeline;

namespace AgentFunctions.Core.Storage;

/// <summary>
/// Extra Azure SDK pipeline policies for every storage client of the app and of the Durable Task backend, run once per
/// operation — register one (before <c>AddAgentFunctionsStorage</c>) to observe requests, as the benchmarks do to count them.
/// </summary>
/// <param name="policies">The policies.</param>
public sealed class StoragePipelinePolicies(IReadOnlyList<HttpPipelinePolicy> policies)
{
    /// <summary>Gets the policies.</summary>
    public IReadOnlyList<HttpPipelinePolicy> Policies { get; } = policies ?? throw new ArgumentNullException(nameof(policies));
}
