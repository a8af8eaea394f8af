using Microsoft.Extensions.Configuration;

namespace AgentFunctions.Functions.Hosting;

/// <summary>
/// Tells whether the Azure Functions host started this process: the host passes <c>--functions-uri</c> (its gRPC endpoint),
/// which the isolated worker maps to <c>Functions:Worker:HostEndpoint</c> and cannot start without.
/// </summary>
internal static class FunctionsHostDetection
{
    public static bool IsStartedByFunctionsHost(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(args, new Dictionary<string, string> { ["--functions-uri"] = "Functions:Worker:HostEndpoint" })
            .Build();
        return !string.IsNullOrEmpty(configuration["Functions:Worker:HostEndpoint"]);
    }
}
