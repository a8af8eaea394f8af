namespace AgentFunctions.Core.Storage;

/// <summary>
/// The Azure Storage error codes (<see cref="global::Azure.RequestFailedException.ErrorCode"/>) that both storage
/// implementations report, so callers compare against constants instead of string literals.
/// Source: learn.microsoft.com "Queue service error codes", "Table service error codes", "Blob service error codes".
/// </summary>
public static class StorageErrorCodes
{
    /// <summary>404: the queue does not exist.</summary>
    public const string QueueNotFound = "QueueNotFound";

    /// <summary>404: the message does not exist (deleted, expired, or never existed).</summary>
    public const string MessageNotFound = "MessageNotFound";

    /// <summary>400: the pop receipt is not the message's latest one (another consumer received or updated it).</summary>
    public const string PopReceiptMismatch = "PopReceiptMismatch";

    /// <summary>413 (raised client-side): the message text is larger than <see cref="StorageLimits.MaxQueueMessageTextBytes"/>.</summary>
    public const string MessageTooLarge = "MessageTooLarge";

    /// <summary>404: the table does not exist.</summary>
    public const string TableNotFound = "TableNotFound";

    /// <summary>404: the entity does not exist.</summary>
    public const string ResourceNotFound = "ResourceNotFound";

    /// <summary>409: an insert found an entity with the same keys.</summary>
    public const string EntityAlreadyExists = "EntityAlreadyExists";

    /// <summary>412: the entity's ETag no longer matches the <c>If-Match</c> ETag.</summary>
    public const string UpdateConditionNotSatisfied = "UpdateConditionNotSatisfied";

    /// <summary>400: a string or binary property is larger than the service allows.</summary>
    public const string PropertyValueTooLarge = "PropertyValueTooLarge";

    /// <summary>400: the entity is larger than <see cref="StorageLimits.MaxEntityBytes"/> as the service counts it.</summary>
    public const string EntityTooLarge = "EntityTooLarge";

    /// <summary>400: the entity has more than <see cref="StorageLimits.MaxEntityProperties"/> properties.</summary>
    public const string TooManyProperties = "TooManyProperties";

    /// <summary>400: a property name is longer than 255 characters.</summary>
    public const string PropertyNameTooLong = "PropertyNameTooLong";

    /// <summary>400: a property name is empty or reserved (<c>PartitionKey</c>, <c>RowKey</c>, <c>Timestamp</c>).</summary>
    public const string PropertyNameInvalid = "PropertyNameInvalid";

    /// <summary>400: a partition or row key is longer than <see cref="StorageLimits.MaxKeyChars"/> characters.</summary>
    public const string KeyValueTooLarge = "KeyValueTooLarge";

    /// <summary>400: a value is outside the range the service accepts, such as a key with a forbidden character.</summary>
    public const string OutOfRangeInput = "OutOfRangeInput";

    /// <summary>404: the blob container does not exist.</summary>
    public const string ContainerNotFound = "ContainerNotFound";

    /// <summary>404: the blob does not exist.</summary>
    public const string BlobNotFound = "BlobNotFound";
}
