namespace AgentFunctions.Core.Safety.Injection;

/// <summary>One span of untrusted text that a rule of the <see cref="InjectionDetector"/> flagged.</summary>
/// <param name="Source">Where the text came from: <c>file:src/app.py</c>, <c>tool:read_file</c>, <c>input:ticket</c>.</param>
/// <param name="Rule">The rule's id (see <see cref="InjectionDetector.Rules"/>).</param>
/// <param name="Start">Where the span starts in the source's text, in UTF-16 characters.</param>
/// <param name="Span">The offending text (at most 200 characters).</param>
public sealed record InjectionFinding(string Source, string Rule, int Start, string Span);
