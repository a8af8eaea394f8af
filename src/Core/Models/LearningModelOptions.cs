namespace AgentFunctions.Core.Models;

/// <summary>Which models the learning loop uses. Bound from <c>Learning</c>; both optional.</summary>
public sealed class LearningModelOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Learning";

    /// <summary>Gets or sets the model that distills corrections into rules (<c>provider/model</c>); null to use the correction text verbatim.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the model that judges rubric assertions; null to report them as not evaluated.</summary>
    public string? JudgeModel { get; set; }
}
