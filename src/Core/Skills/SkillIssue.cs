using System.Globalization;

namespace AgentFunctions.Core.Skills;

/// <summary>A problem found while loading or validating a skill, a <c>DOMAIN.md</c> or the skills folder.</summary>
/// <param name="Code">Stable machine-readable code, one of <see cref="SkillIssueCodes"/>.</param>
/// <param name="Path">The file (or folder) the problem is in.</param>
/// <param name="Line">1-based line in that file, when known.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
/// <param name="IsError">True for an error (the skill is not loaded); false for a warning (it is).</param>
public sealed record SkillIssue(string Code, string Path, int? Line, string Message, bool IsError)
{
    /// <summary>Formats the issue as <c>path:line: error code: message</c>.</summary>
    /// <returns>One line of text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Path}{(Line is int line ? $":{line}" : string.Empty)}: {(IsError ? "error" : "warning")} {Code}: {Message}");
}
