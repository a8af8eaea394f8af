using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AgentFunctions.Core.Skills.Schemas;

/// <summary>
/// A JSON Schema restricted to the subset this platform checks (no JSON Schema package restores here, so it is our own).
/// Supported keywords, with JSON Schema 2020-12 meaning: <c>type</c> (one name or an array of names among <c>null</c>,
/// <c>boolean</c>, <c>object</c>, <c>array</c>, <c>number</c>, <c>string</c>, <c>integer</c>; an integer is any number
/// with no fractional part), <c>properties</c>, <c>required</c>, <c>additionalProperties</c> (<c>true</c>/<c>false</c>
/// only), <c>items</c> (one schema for every element), <c>enum</c>, <c>const</c>, <c>minimum</c>, <c>maximum</c>,
/// <c>minLength</c>, <c>maxLength</c> (counted in Unicode code points), <c>minItems</c>, <c>maxItems</c> and
/// <c>pattern</c> (.NET regular expression, unanchored search, 100 ms limit per match). <c>true</c> and <c>false</c>
/// are accepted as schemas. The annotations <c>$schema</c>, <c>$id</c>, <c>$comment</c>, <c>title</c>,
/// <c>description</c>, <c>default</c> and <c>examples</c> are accepted and have no effect. Every other keyword
/// (<c>format</c>, <c>$ref</c>, <c>oneOf</c>, <c>exclusiveMinimum</c>, …), the tuple form of <c>items</c> and a schema as
/// <c>additionalProperties</c> are reported as warnings by <see cref="Parse"/> and not checked.
/// </summary>
public sealed partial class JsonSchema
{
    private static readonly TimeSpan s_patternTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly HashSet<string> s_typeNames = new(StringComparer.Ordinal) { "null", "boolean", "object", "array", "number", "string", "integer" };
    private static readonly HashSet<string> s_annotations = new(StringComparer.Ordinal) { "$schema", "$id", "$comment", "title", "description", "default", "examples" };
    private static readonly string[] s_lengthKeywords = ["minLength", "maxLength", "minItems", "maxItems"];

    private readonly Dictionary<string, Regex> _patterns;

    private JsonSchema(JsonNode? node, Dictionary<string, Regex> patterns)
    {
        Node = node;
        _patterns = patterns;
    }

    /// <summary>Gets the keywords this validator checks.</summary>
    public static IReadOnlyList<string> SupportedKeywords { get; } =
    [
        "type", "properties", "required", "additionalProperties", "items", "enum", "const",
        "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "pattern",
    ];

    /// <summary>Gets the schema as JSON (a copy of what was parsed), for example to pass to a model as a response format.</summary>
    public JsonNode? Node { get; }

    /// <summary>Checks a schema and, when it has no errors, makes it usable for validation.</summary>
    /// <param name="schema">The schema: a JSON object or <c>true</c>/<c>false</c>.</param>
    /// <returns>The schema, or null with the errors; and the unsupported keywords as warnings.</returns>
    public static JsonSchemaParseResult Parse(JsonNode? schema)
    {
        var errors = new List<JsonSchemaError>();
        var warnings = new List<JsonSchemaError>();
        var patterns = new Dictionary<string, Regex>(StringComparer.Ordinal);
        Check(schema, string.Empty, errors, warnings, patterns);
        return new JsonSchemaParseResult(errors.Count == 0 ? new JsonSchema(schema?.DeepClone(), patterns) : null, errors, warnings);
    }

    private static void Check(JsonNode? schema, string at, List<JsonSchemaError> errors, List<JsonSchemaError> warnings, Dictionary<string, Regex> patterns)
    {
        if (schema is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return;
        }

        if (schema is not JsonObject obj)
        {
            errors.Add(new(at, "A schema must be a JSON object (or true/false)."));
            return;
        }

        foreach (var (keyword, node) in obj)
        {
            var here = $"{at}/{Escape(keyword)}";
            void Invalid(string message) => errors.Add(new(here, message));
            switch (keyword)
            {
                case "type":
                    CheckType(node, Invalid);
                    break;
                case "properties" when node is JsonObject properties:
                    foreach (var (name, propertySchema) in properties)
                    {
                        Check(propertySchema, $"{here}/{Escape(name)}", errors, warnings, patterns);
                    }

                    break;
                case "properties":
                    Invalid("'properties' must be an object mapping property names to schemas.");
                    break;
                case "required":
                    if (node is not JsonArray names || names.Any(n => Kind(n) != JsonValueKind.String)
                        || names.Select(n => n!.GetValue<string>()).Distinct(StringComparer.Ordinal).Count() != names.Count)
                    {
                        Invalid("'required' must be an array of distinct property names.");
                    }

                    break;
                case "additionalProperties" when Kind(node) is JsonValueKind.True or JsonValueKind.False:
                    break;
                case "additionalProperties" when node is JsonObject:
                    warnings.Add(new(here, "'additionalProperties' as a schema is not supported (only true or false); it is not checked."));
                    break;
                case "additionalProperties":
                    Invalid("'additionalProperties' must be true or false.");
                    break;
                case "items" when node is JsonArray:
                    warnings.Add(new(here, "The array (tuple) form of 'items' is not supported; it is not checked."));
                    break;
                case "items":
                    Check(node, here, errors, warnings, patterns);
                    break;
                case "enum" when node is not JsonArray { Count: > 0 }:
                    Invalid("'enum' must be a non-empty array of allowed values.");
                    break;
                case "enum" or "const":
                    break;
                case "minimum" or "maximum" when Number(node) is null:
                    Invalid($"'{keyword}' must be a number.");
                    break;
                case "minimum" or "maximum":
                    break;
                case "pattern":
                    CheckPattern(node, Invalid, patterns);
                    break;
                case var length when s_lengthKeywords.Contains(length):
                    if (Number(node) is not { } n || n < 0 || n != decimal.Truncate(n))
                    {
                        Invalid($"'{keyword}' must be a whole number of at least 0.");
                    }

                    break;
                case var annotation when s_annotations.Contains(annotation):
                    break;
                default:
                    warnings.Add(new(here, $"Unsupported JSON Schema keyword '{keyword}'; it is not checked. Supported: {string.Join(", ", SupportedKeywords)}."));
                    break;
            }
        }
    }

    private static void CheckType(JsonNode? node, Action<string> invalid)
    {
        JsonNode?[] names = node is JsonArray array ? [.. array] : [node];
        if (names.Length == 0 || names.Any(n => Kind(n) != JsonValueKind.String || !s_typeNames.Contains(n!.GetValue<string>())))
        {
            invalid($"'type' must be one of {string.Join(", ", s_typeNames)}, or a non-empty array of them.");
        }
    }

    private static void CheckPattern(JsonNode? node, Action<string> invalid, Dictionary<string, Regex> patterns)
    {
        if (Kind(node) != JsonValueKind.String)
        {
            invalid("'pattern' must be a string holding a regular expression.");
            return;
        }

        var pattern = node!.GetValue<string>();
        try
        {
            patterns.TryAdd(pattern, new Regex(pattern, RegexOptions.CultureInvariant, s_patternTimeout));
        }
        catch (ArgumentException ex)
        {
            invalid($"'pattern' is not a valid regular expression: {ex.Message}");
        }
    }

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
