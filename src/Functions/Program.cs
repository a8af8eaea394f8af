using AgentFunctions.Functions.Hosting;
using AgentFunctions.Functions.Standalone;

// Started by the Azure Functions host (func start, Azure): it passes the endpoint of its gRPC channel, which the worker
// reads as Functions:Worker:HostEndpoint. Started by hand: run the same functions on the standalone host.
if (FunctionsHostDetection.IsStartedByFunctionsHost(args))
{
    await FunctionsWorker.RunAsync(args);
}
else
{
    await StandaloneHost.RunAsync(args);
}

/// <summary>The app's entry point.</summary>
public partial class Program;
