namespace AgentFunctions.Core.Context;

/// <summary>One item cut to the cap.</summary>
/// <param name="Index">0-based index of the item in its section (the element index of an upstream array; 0 for a single output).</param>
/// <param name="OriginalTokens">Tokens of the item.</param>
/// <param name="KeptTokens">Tokens kept (without the trim marker).</param>
public sealed record ContextTrimmedItem(int Index, int OriginalTokens, int KeptTokens);
