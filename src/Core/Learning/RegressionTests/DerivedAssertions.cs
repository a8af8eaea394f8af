namespace AgentFunctions.Core.Learning.RegressionTests;

/// <summary>Assertions derived for one regression test, with notes on how (and what could not be derived).</summary>
/// <param name="Assertions">The assertions, deterministic first.</param>
/// <param name="Notes">Human-readable notes.</param>
internal sealed record DerivedAssertions(List<TestAssertion> Assertions, List<string> Notes);
