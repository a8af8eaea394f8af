namespace AgentFunctions.Core.Skills.Schemas;

/// <summary>One problem found by <see cref="JsonSchema"/>: in a schema (when parsing it) or in a value (when validating one).</summary>
/// <param name="Path">
/// RFC 6901 JSON pointer to the offending place: into the schema for schema problems (<c>/properties/score/minimum</c>),
/// into the value for validation errors (<c>/required_match/met/0</c>); the empty string is the root.
/// </param>
/// <param name="Message">What is wrong, in words a skill author understands.</param>
public sealed record JsonSchemaError(string Path, string Message)
{
    /// <summary>Formats the error as <c>/path: message</c> (<c>(root): message</c> at the root).</summary>
    /// <returns>One line of text.</returns>
    public override string ToString() => $"{(Path.Length == 0 ? "(root)" : Path)}: {Message}";
}
