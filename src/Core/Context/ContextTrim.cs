namespace AgentFunctions.Core.Context;

/// <summary>A section whose items were cut or left out so that the prompt fits its budget.</summary>
/// <param name="Name">The section name (<c>upstream:&lt;node&gt;</c>).</param>
/// <param name="Items">How many items the section had.</param>
/// <param name="OriginalTokens">Tokens of the whole section before trimming.</param>
/// <param name="KeptTokens">Tokens of the section as sent.</param>
/// <param name="ItemCapTokens">The most tokens any item kept (items over it were cut to it).</param>
/// <param name="Trimmed">The items that were cut, with their tokens before and after.</param>
/// <param name="LeftOutFromIndex">Index of the first item left out (all later ones too), or null when none was left out.</param>
/// <param name="Reason">Why the section was trimmed.</param>
public sealed record ContextTrim(
    string Name,
    int Items,
    int OriginalTokens,
    int KeptTokens,
    int ItemCapTokens,
    IReadOnlyList<ContextTrimmedItem> Trimmed,
    int? LeftOutFromIndex,
    string Reason);
