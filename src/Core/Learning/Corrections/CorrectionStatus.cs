namespace AgentFunctions.Core.Learning.Corrections;

/// <summary>Where a correction is in the learning loop.</summary>
public static class CorrectionStatus
{
    /// <summary>Stored; its reflexion rule and regression test are not both written yet.</summary>
    public const string Pending = "pending";

    /// <summary>Its rule (added or strengthened) and its regression test are written.</summary>
    public const string Processed = "processed";
}
