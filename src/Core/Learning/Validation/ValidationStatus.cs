namespace AgentFunctions.Core.Learning.Validation;

/// <summary>The states of a validation run.</summary>
public static class ValidationStatus
{
    /// <summary>Requested; waiting on the validations queue.</summary>
    public const string Queued = "queued";

    /// <summary>Running its tests (a crashed run resumes where it stopped).</summary>
    public const string Running = "running";

    /// <summary>Every test ran and every rule decision is recorded.</summary>
    public const string Completed = "completed";
}
