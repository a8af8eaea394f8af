namespace AgentFunctions.Core.Skills.Schemas;

/// <summary>The outcome of <see cref="JsonSchema.Parse"/>.</summary>
/// <param name="Schema">The usable schema, or null when <paramref name="Errors"/> is not empty.</param>
/// <param name="Errors">Keywords with invalid values (a <c>type</c> that is no JSON type, a negative <c>minLength</c>, a <c>pattern</c> that is no regular expression, …).</param>
/// <param name="Warnings">Keywords this subset does not check (<c>format</c>, <c>$ref</c>, <c>oneOf</c>, …): the schema is used, but those keywords are ignored.</param>
public sealed record JsonSchemaParseResult(JsonSchema? Schema, IReadOnlyList<JsonSchemaError> Errors, IReadOnlyList<JsonSchemaError> Warnings);
