using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Library = Json.Schema.JsonSchema;

namespace AgentFunctions.Core.Skills.Schemas;

/// <summary>
/// A JSON Schema, checked and built once (at skill load) by the <c>JsonSchema.Net</c> library (json-everything, 8.0.5),
/// used to validate values: a skill's input and JSON output, and tool-call arguments.
/// <para>
/// <b>Dialect.</b> JSON Schema draft 2020-12 unless the schema's <c>$schema</c> names draft-06, draft-07 or 2019-09
/// (any other <c>$schema</c> is an error). Every keyword of the dialect is checked — <c>type</c>, <c>properties</c>,
/// <c>required</c>, <c>additionalProperties</c>, <c>items</c>/<c>prefixItems</c>, <c>enum</c>, <c>const</c>,
/// <c>minimum</c>/<c>maximum</c>/<c>exclusiveMinimum</c>/<c>exclusiveMaximum</c>/<c>multipleOf</c>, <c>minLength</c>/<c>maxLength</c>
/// (Unicode code points), <c>pattern</c> (.NET regular expression, unanchored), <c>minItems</c>/<c>maxItems</c>/<c>uniqueItems</c>,
/// <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c>/<c>not</c>, <c>if</c>/<c>then</c>/<c>else</c>, <c>$ref</c>/<c>$defs</c> … — with the
/// specification's meaning (an integer is any number without a fractional part, so <c>3.0</c> is one).
/// </para>
/// <para>
/// <b>Formats are asserted</b>: a value of a known <c>format</c> (<c>date-time</c>, <c>date</c>, <c>email</c>,
/// <c>uri</c>, <c>uuid</c>, <c>ipv4</c>, <c>regex</c>, …) that does not match is an error. An unknown format is not
/// checked and is a warning of <see cref="Parse(JsonNode?)"/>, as is a keyword the dialect does not define (a typo such as
/// <c>minimun</c> would otherwise silently do nothing). References are resolved inside the schema only: nothing is
/// downloaded, and a <c>$ref</c> that resolves to nothing is an error.
/// </para>
/// </summary>
public sealed partial class JsonSchema
{
    private static readonly JsonElement s_null = JsonDocument.Parse("null").RootElement.Clone();

    private readonly Library _schema;

    private JsonSchema(JsonNode? node, Library schema)
    {
        Node = node;
        _schema = schema;
    }

    /// <summary>Gets the schema as JSON (a copy of what was parsed), for example to pass to a model as a response format.</summary>
    public JsonNode? Node { get; }

    /// <summary>Checks a schema against its dialect's meta-schema and, when it has no errors, builds it for validation.</summary>
    /// <param name="schema">The schema: a JSON object or <c>true</c>/<c>false</c> (null is JSON <c>null</c>, which is an error).</param>
    /// <returns>
    /// The schema, or null with the errors (each with the JSON pointer of the offending keyword, such as
    /// <c>/properties/score/type</c>); and the warnings (unknown keywords and formats, which have no effect).
    /// </returns>
    public static JsonSchemaParseResult Parse(JsonNode? schema) =>
        Parse(schema is null ? s_null : ToElement(schema), schema?.DeepClone());

    /// <summary>Checks a schema against its dialect's meta-schema and, when it has no errors, builds it for validation.</summary>
    /// <param name="schema">The schema: a JSON object or <c>true</c>/<c>false</c>.</param>
    /// <returns>The schema, or null with the errors; and the warnings (see <see cref="Parse(JsonNode?)"/>).</returns>
    public static JsonSchemaParseResult Parse(JsonElement schema) => Parse(schema, JsonNode.Parse(schema.GetRawText()));

    /// <summary>Validates a value against the schema, reporting every violation.</summary>
    /// <param name="instance">The value (null is JSON <c>null</c>).</param>
    /// <returns>
    /// The violations, each naming the offending value by its RFC 6901 JSON pointer (<c>/fit_score</c>; the empty
    /// string is the value itself), ordered by that pointer (array indexes numerically) and then by the schema's keyword
    /// order; empty when the value is valid. A missing required property is reported at its parent object, naming the property.
    /// </returns>
    public IReadOnlyList<JsonSchemaError> Validate(JsonNode? instance)
    {
        EvaluationResults results;
        try
        {
            results = _schema.Evaluate(instance is null ? s_null : ToElement(instance), JsonSchemaMessages.EvaluationOptions);
        }
        catch (RefResolutionException ex)
        {
            return [new JsonSchemaError(string.Empty, $"The schema cannot be evaluated: {ex.Message}.")];
        }
        catch (RegexMatchTimeoutException ex)
        {
            return [new JsonSchemaError(string.Empty, $"Matching the pattern '{ex.Pattern}' took longer than {ex.MatchTimeout.TotalMilliseconds} ms; the value is rejected.")];
        }

        var errors = new List<JsonSchemaError>();
        Collect(results, errors);
        return Order(errors);
    }

    private static JsonElement ToElement(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    /// <summary>Collects the errors of the failing leaves of a hierarchical result (passing branches of <c>anyOf</c> and the like are skipped).</summary>
    private static void Collect(EvaluationResults result, List<JsonSchemaError> errors)
    {
        if (result.IsValid)
        {
            return;
        }

        foreach (var (keyword, message) in result.Errors ?? new Dictionary<string, string>())
        {
            errors.AddRange(JsonSchemaMessages.Describe(keyword, message, result.InstanceLocation.ToString(), result.EvaluationPath.ToString()));
        }

        var failingChildren = false;
        foreach (var detail in result.Details ?? [])
        {
            failingChildren |= !detail.IsValid;
            Collect(detail, errors);
        }

        // A schema can fail with no keyword error of its own and no failing part: 'not' whose subschema matched.
        if (result.Errors is not { Count: > 0 } && !failingChildren)
        {
            var at = result.InstanceLocation.ToString();
            errors.Add(result.Details?.FirstOrDefault(d => d.EvaluationPath.ToString().EndsWith("/not", StringComparison.Ordinal)) is { } not
                ? new JsonSchemaError(at, $"The value must not match the schema at {not.EvaluationPath} ('not').")
                : new JsonSchemaError(at, $"The value does not match the schema at {(result.EvaluationPath.ToString() is { Length: > 0 } path ? path : "the root")}."));
        }
    }

    /// <summary>Removes repeated (pointer, message) pairs and orders by pointer, keeping the evaluation order within one pointer.</summary>
    private static List<JsonSchemaError> Order(List<JsonSchemaError> errors) =>
        [.. errors.Distinct().OrderBy(e => e.Path, JsonPointerComparer.Instance)];
}
