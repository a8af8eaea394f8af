namespace AgentFunctions.Core.Skills.Schemas;

/// <summary>The outcome of <see cref="JsonSchema.Parse(System.Text.Json.Nodes.JsonNode?)"/>.</summary>
/// <param name="Schema">The usable schema, or null when <paramref name="Errors"/> is not empty.</param>
/// <param name="Errors">
/// What makes the schema unusable, each at the JSON pointer of the offending keyword: a value the dialect's meta-schema
/// rejects (a <c>type</c> that is no JSON type, a negative <c>minLength</c>, a <c>pattern</c> that is no regular
/// expression, …), an unknown <c>$schema</c>, a <c>$ref</c> that resolves to nothing.
/// </param>
/// <param name="Warnings">Keywords the dialect does not define and unknown formats: the schema is used, but they have no effect.</param>
public sealed record JsonSchemaParseResult(JsonSchema? Schema, IReadOnlyList<JsonSchemaError> Errors, IReadOnlyList<JsonSchemaError> Warnings);
