namespace AgentFunctions.Core.Learning.Messages;

/// <summary>The <c>kind</c> values of learning queue messages (all carry <c>schemaVersion</c> 1).</summary>
public static class LearningMessageKinds
{
    /// <summary>Corrections queue, from other services: correct a run's node (<c>runId</c>, <c>nodeId</c>, <c>text</c>, optional <c>correctedOutput</c> and <c>by</c>).</summary>
    public const string CorrectionSubmit = "correction.submit";

    /// <summary>Corrections queue, from our API: a correction is stored; generate its rule and test (<c>skill</c>, <c>correctionId</c>).</summary>
    public const string CorrectionStored = "correction.stored";

    /// <summary>Validations queue: run a validation (<c>skill</c>, <c>validationId</c>).</summary>
    public const string ValidationRequested = "validation.requested";

    /// <summary>The only schema version this build reads and writes.</summary>
    public const int SchemaVersion = 1;
}
