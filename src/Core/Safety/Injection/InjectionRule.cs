using System.Text.RegularExpressions;

namespace AgentFunctions.Core.Safety.Injection;

/// <summary>A heuristic rule of the <see cref="InjectionDetector"/>.</summary>
/// <param name="Id">A stable id, such as <c>override-instructions</c>.</param>
/// <param name="Description">What it catches.</param>
/// <param name="Pattern">The pattern (case-insensitive, 1-second timeout).</param>
public sealed record InjectionRule(string Id, string Description, Regex Pattern);
