namespace AgentFunctions.Cli.Demo;

/// <summary>Options of <c>agentfn demo</c>.</summary>
/// <param name="Graph">The graph to run.</param>
/// <param name="ReplayDelay">How long each recorded model response waits before answering, so the fan-out's overlap is visible.</param>
/// <param name="Configuration">Build configuration of the app to start (Debug or Release).</param>
/// <param name="Timeout">How long to wait for the run to end.</param>
/// <param name="Loop">True to show the learning loop (execute, correct, rule, validate) instead of the graph run.</param>
/// <param name="KeepRunning">True to keep Azurite and the app running after the demo (for the dashboard and the CLI) until Ctrl+C.</param>
public sealed record DemoOptions(string Graph, TimeSpan ReplayDelay, string Configuration, TimeSpan Timeout, bool Loop = false, bool KeepRunning = false);
