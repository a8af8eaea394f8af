using AgentFunctions.Core.Skills;

namespace AgentFunctions.Core.Tests.Skills;

public sealed class SkillSectionsTests
{
    [Fact]
    public void Extract_ConventionalSections_ReturnsEachAsWritten()
    {
        var sections = SkillSections.Extract("""
            # Resume Screening
            Intro line.
            ## Task
            Evaluate fit.
            ### Detail
            Still part of the task.
            ## Context You’ll Receive
            ```json
            { "resume_text": "string" }
            ## Not a heading: inside a fence
            ```
            ## Output Schema
            Return JSON.
            ## Guardrails
            - NEVER consider protected characteristics
              such as age or gender.
            * If fit_score is 50-70, ALWAYS recommend "discuss".
            Not a bullet.
            ## Notes
            - not a guardrail
            """);

        Assert.Equal("Resume Screening", sections.Title);
        Assert.Equal("Evaluate fit.\n### Detail\nStill part of the task.", sections.Task);
        Assert.Contains("## Not a heading: inside a fence", sections.Context, StringComparison.Ordinal);
        Assert.Equal("Return JSON.", sections.OutputFormat);
        Assert.Equal(
            ["NEVER consider protected characteristics such as age or gender.", "If fit_score is 50-70, ALWAYS recommend \"discuss\"."],
            sections.Guardrails);
    }

    [Fact]
    public void Extract_NoSections_ReturnsNullsAndNoGuardrails()
    {
        var sections = SkillSections.Extract("Just a prompt.");

        Assert.Null(sections.Title);
        Assert.Null(sections.Task);
        Assert.Null(sections.Context);
        Assert.Null(sections.OutputFormat);
        Assert.Empty(sections.Guardrails);
    }
}
