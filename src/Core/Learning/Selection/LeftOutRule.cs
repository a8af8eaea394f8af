namespace AgentFunctions.Core.Learning.Selection;

/// <summary>A rule that was not injected into an execution, and why.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Status">Its status.</param>
/// <param name="Reason"><c>candidate</c>, <c>retired</c>, <c>does not apply: …</c> or <c>over the cap of N</c>.</param>
public sealed record LeftOutRule(string RuleId, string Status, string Reason);
