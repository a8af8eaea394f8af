namespace AgentFunctions.Core.Tests.Skills;

/// <summary>Building blocks for SKILL.md texts in tests.</summary>
internal static class SkillText
{
    /// <summary>A body with the conventional sections, long enough to raise no warning.</summary>
    public const string Body = """
        # Screen a resume

        ## Task
        Given a resume and a job description, evaluate how well the candidate fits the role.

        ## Output Format
        ```json
        { "fit_score": 78 }
        ```
        """;

    /// <summary>A SKILL.md for hr/resume-screen with the given extra frontmatter lines (each ending in a newline).</summary>
    public static string Skill(string frontmatter) => $"---\nname: resume-screen\ndomain: hr\n{frontmatter}---\n{Body}";
}
