using Azure;

namespace AgentFunctions.Core.Storage;

/// <content>Table limits: keys, property names, types and sizes, entity size, transactions, queries.</content>
internal static partial class StorageLimitChecks
{
    /// <summary>The longest property name the table service accepts.</summary>
    public const int MaxPropertyNameChars = 255;

    private static readonly HashSet<string> s_reservedPropertyNames = new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp" };

    /// <summary>Checks a partition or row key: at most 512 characters, none of <c>/ \ # ?</c> or control characters.</summary>
    /// <param name="key">The key.</param>
    /// <param name="paramName">The parameter name to report.</param>
    /// <exception cref="RequestFailedException">400 <c>KeyValueTooLarge</c> or <c>OutOfRangeInput</c>.</exception>
    public static void CheckKey(string key, string paramName)
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        if (key.Length > StorageLimits.MaxKeyChars)
        {
            throw BadRequest(StorageErrorCodes.KeyValueTooLarge, $"The {paramName} has {key.Length} characters; at most {StorageLimits.MaxKeyChars} are allowed.");
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw BadRequest(StorageErrorCodes.OutOfRangeInput, $"The {paramName} contains a forbidden character (/ \\ # ? or a control character).");
            }
        }
    }

    /// <summary>Checks a whole entity against the table service's limits.</summary>
    /// <param name="entity">The entity.</param>
    /// <exception cref="ArgumentException">A property has a type tables cannot store.</exception>
    /// <exception cref="RequestFailedException">400 with <c>KeyValueTooLarge</c>, <c>OutOfRangeInput</c>, <c>TooManyProperties</c>,
    /// <c>PropertyNameTooLong</c>, <c>PropertyNameInvalid</c>, <c>PropertyValueTooLarge</c> or <c>EntityTooLarge</c>.</exception>
    public static void CheckEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        CheckKey(entity.PartitionKey, "PartitionKey");
        CheckKey(entity.RowKey, "RowKey");
        if (entity.Properties.Count > StorageLimits.MaxEntityProperties)
        {
            throw BadRequest(StorageErrorCodes.TooManyProperties, $"The entity has {entity.Properties.Count} properties; at most {StorageLimits.MaxEntityProperties} are allowed.");
        }

        foreach (var (name, value) in entity.Properties)
        {
            CheckPropertyName(name);
            switch (value)
            {
                case string s when s.Length > StorageLimits.MaxStringPropertyChars:
                    throw BadRequest(StorageErrorCodes.PropertyValueTooLarge, $"Property '{name}' has {s.Length} characters; at most {StorageLimits.MaxStringPropertyChars} are allowed.");
                case byte[] b when b.Length > StorageLimits.MaxBinaryPropertyBytes:
                    throw BadRequest(StorageErrorCodes.PropertyValueTooLarge, $"Property '{name}' has {b.Length} bytes; at most {StorageLimits.MaxBinaryPropertyBytes} are allowed.");
                case string or byte[] or bool or int or long or double or DateTimeOffset or Guid:
                    break;
                default:
                    throw new ArgumentException($"Property '{name}' has type {value?.GetType().Name}, which tables cannot store.", nameof(entity));
            }
        }

        var size = EntitySize(entity);
        if (size > StorageLimits.MaxEntityBytes)
        {
            throw BadRequest(StorageErrorCodes.EntityTooLarge, $"The entity is {size} bytes as the service counts them; at most {StorageLimits.MaxEntityBytes} are allowed.");
        }
    }

    /// <summary>
    /// Computes an entity's size as the table service counts it:
    /// 4 + 2·len(PartitionKey) + 2·len(RowKey) + Σ(8 + 2·len(name) + value size), where a string counts 2·len + 4,
    /// binary len + 4, Guid 16, bool 1, Int32 4, and Int64, Double and DateTime 8 bytes
    /// (learn.microsoft.com "Understanding the Table service data model", "Estimating entity size").
    /// </summary>
    /// <param name="entity">The entity.</param>
    /// <returns>The size in bytes.</returns>
    public static long EntitySize(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        long size = 4 + (2L * entity.PartitionKey.Length) + (2L * entity.RowKey.Length);
        foreach (var (name, value) in entity.Properties)
        {
            size += 8 + (2L * name.Length) + value switch
            {
                string s => (2L * s.Length) + 4,
                byte[] b => b.Length + 4L,
                Guid => 16,
                bool => 1,
                int => 4,
                _ => 8,
            };
        }

        return size;
    }

    /// <summary>Checks a partition query: a valid partition key, valid bounds, and a page size of 1–1000.</summary>
    /// <param name="query">The query.</param>
    /// <exception cref="ArgumentOutOfRangeException">The page size is out of range.</exception>
    /// <exception cref="RequestFailedException">400 for a key that breaks the key rules.</exception>
    public static void CheckQuery(TableQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 1000, nameof(query));
        CheckKey(query.PartitionKey, "PartitionKey");
    }

    private static void CheckPropertyName(string name)
    {
        if (name.Length > MaxPropertyNameChars)
        {
            throw BadRequest(StorageErrorCodes.PropertyNameTooLong, $"A property name has {name.Length} characters; at most {MaxPropertyNameChars} are allowed.");
        }

        var identifier = name.Length > 0
            && (char.IsLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsLetterOrDigit(c) || c == '_');
        if (!identifier || s_reservedPropertyNames.Contains(name))
        {
            throw BadRequest(StorageErrorCodes.PropertyNameInvalid, $"Property name '{name}' is invalid: use a C# identifier other than PartitionKey, RowKey or Timestamp.");
        }
    }

    private static RequestFailedException BadRequest(string errorCode, string message) =>
        new(400, message + " (checked before sending)", errorCode, innerException: null);
}
