namespace AgentFunctions.Core.Storage;

/// <summary>
/// One table entity: its keys, its ETag when read from the service, and its properties.
/// Property values may be <see cref="string"/>, <see cref="bool"/>, <see cref="int"/>, <see cref="long"/>,
/// <see cref="double"/>, <see cref="DateTimeOffset"/>, <see cref="Guid"/>, <c>byte[]</c> or null (null properties are not stored).
/// </summary>
public sealed class TableEntity
{
    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    /// <summary>Creates an entity with the given keys.</summary>
    /// <param name="partitionKey">Partition key, at most 1 KiB, without <c>/ \ # ?</c> or control characters.</param>
    /// <param name="rowKey">Row key, same rules.</param>
    public TableEntity(string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <summary>Gets the partition key.</summary>
    public string PartitionKey { get; }

    /// <summary>Gets the row key.</summary>
    public string RowKey { get; }

    /// <summary>Gets or sets the ETag the service returned for this entity (opaque), or null for a new entity.</summary>
    public string? ETag { get; set; }

    /// <summary>Gets or sets the service timestamp of the last change, when read from the service.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>Gets the user properties by name (not including the keys, ETag or timestamp).</summary>
    public IReadOnlyDictionary<string, object?> Properties => _properties;

    /// <summary>Gets or sets a property; setting null removes it.</summary>
    /// <param name="name">Property name (a C# identifier, at most 255 characters).</param>
    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(name);
        set
        {
            if (value is null)
            {
                _properties.Remove(name);
            }
            else
            {
                _properties[name] = value;
            }
        }
    }

    /// <summary>Gets a string property.</summary>
    /// <param name="name">Property name.</param>
    /// <returns>The value, or null when absent.</returns>
    public string? GetString(string name) => _properties.GetValueOrDefault(name) as string;

    /// <summary>Gets an integer property stored as Int32 or Int64.</summary>
    /// <param name="name">Property name.</param>
    /// <returns>The value, or null when absent.</returns>
    public long? GetInt64(string name) => _properties.GetValueOrDefault(name) switch
    {
        long l => l,
        int i => i,
        _ => null,
    };

    /// <summary>Gets a floating-point property (Int32/Int64 values are widened).</summary>
    /// <param name="name">Property name.</param>
    /// <returns>The value, or null when absent.</returns>
    public double? GetDouble(string name) => _properties.GetValueOrDefault(name) switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => null,
    };

    /// <summary>Gets a boolean property.</summary>
    /// <param name="name">Property name.</param>
    /// <returns>The value, or null when absent.</returns>
    public bool? GetBoolean(string name) => _properties.GetValueOrDefault(name) as bool?;

    /// <summary>Gets a date-time property.</summary>
    /// <param name="name">Property name.</param>
    /// <returns>The value, or null when absent.</returns>
    public DateTimeOffset? GetDateTimeOffset(string name) => _properties.GetValueOrDefault(name) as DateTimeOffset?;
}
