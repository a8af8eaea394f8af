namespace AgentFunctions.Core.Tools.Testing;

/// <summary>Counts read from a test runner's summary lines.</summary>
/// <param name="TestsRun">Tests that ran; 0 when no summary was found.</param>
/// <param name="Failures">Tests whose assertion failed.</param>
/// <param name="Errors">Tests that raised an unexpected error.</param>
/// <param name="Skipped">Tests skipped.</param>
/// <param name="SummaryFound">True when a recognised summary line (<c>Ran N tests</c> or pytest's) was found.</param>
public sealed record TestCounts(int TestsRun, int Failures, int Errors, int Skipped, bool SummaryFound);
