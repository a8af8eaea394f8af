namespace AgentFunctions.Core.Safety.Pii;

/// <summary>One value found in a text.</summary>
/// <param name="Kind">Its kind.</param>
/// <param name="Start">Where it starts, in UTF-16 characters.</param>
/// <param name="Length">Its length, in UTF-16 characters.</param>
/// <param name="Value">The value as written.</param>
public readonly record struct PiiMatch(PiiKind Kind, int Start, int Length, string Value);
