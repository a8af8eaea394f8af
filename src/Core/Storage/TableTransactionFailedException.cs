using Azure;

namespace AgentFunctions.Core.Storage;

/// <summary>
/// Thrown when an entity-group transaction is rejected: one action failed, so none was applied.
/// </summary>
public sealed class TableTransactionFailedException : RequestFailedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">HTTP status of the failing action (for example 409 or 412).</param>
    /// <param name="errorCode">Service error code of the failing action, such as <c>EntityAlreadyExists</c>.</param>
    /// <param name="failedActionIndex">Zero-based index of the failing action in the submitted batch, or -1 when unknown.</param>
    /// <param name="message">A human-readable message.</param>
    public TableTransactionFailedException(int status, string? errorCode, int failedActionIndex, string message)
        : base(status, message, errorCode, innerException: null)
    {
        FailedActionIndex = failedActionIndex;
    }

    /// <summary>Gets the zero-based index of the failing action, or -1 when the service did not say.</summary>
    public int FailedActionIndex { get; }
}
