using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Json.Schema.Keywords;
using Library = Json.Schema.JsonSchema;

namespace AgentFunctions.Core.Skills.Schemas;

/// <content>Parsing: the meta-schema check, the build, and the warnings for keywords and formats that have no effect.</content>
public sealed partial class JsonSchema
{
    private const string DefaultDialect = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>The longest one <c>pattern</c> match may take (the library sets no limit, and a pattern such as <c>^(a+)+$</c> backtracks for minutes).</summary>
    private static readonly TimeSpan s_patternTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The dialects a <c>$schema</c> may name (with or without the trailing <c>#</c>), each with its meta-schema.</summary>
    private static readonly Dictionary<string, Library> s_metaSchemas = new[]
    {
        (MetaSchemas.Draft202012Id, MetaSchemas.Draft202012),
        (MetaSchemas.Draft201909Id, MetaSchemas.Draft201909),
        (MetaSchemas.Draft7Id, MetaSchemas.Draft7),
        (MetaSchemas.Draft6Id, MetaSchemas.Draft6),
    }.ToDictionary(d => d.Item1.OriginalString.TrimEnd('#'), d => d.Item2, StringComparer.Ordinal);

    private static JsonSchemaParseResult Parse(JsonElement schema, JsonNode? node)
    {
        var errors = new List<JsonSchemaError>();
        if (schema.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(new(string.Empty, "A schema must be a JSON object (or true/false)."));
            return new JsonSchemaParseResult(null, errors, []);
        }

        if (MetaSchemaOf(schema, errors) is not { } metaSchema)
        {
            return new JsonSchemaParseResult(null, errors, []);
        }

        // The meta-schema names the offending keyword; several failing alternatives at one place become one error.
        var problems = new List<JsonSchemaError>();
        Collect(metaSchema.Evaluate(schema, JsonSchemaMessages.EvaluationOptions), problems);
        errors.AddRange(Order(problems).GroupBy(p => p.Path, StringComparer.Ordinal)
            .Select(g => new JsonSchemaError(g.Key, string.Join(" Or: ", g.Select(p => p.Message)))));
        if (errors.Count > 0)
        {
            return new JsonSchemaParseResult(null, errors, []);
        }

        Library built;
        try
        {
            // A registry of its own per schema: an $id is never shared between skills, and nothing is fetched.
            built = Library.Build(schema, new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 });
        }
        catch (Exception ex) when (ex is JsonSchemaException or ArgumentException or JsonException)
        {
            return new JsonSchemaParseResult(null, [new(string.Empty, $"The schema cannot be used: {ex.Message}")], []);
        }

        var warnings = new List<JsonSchemaError>();
        Prepare(built.Root, string.Empty, errors, warnings, new HashSet<JsonSchemaNode>(ReferenceEqualityComparer.Instance));
        return new JsonSchemaParseResult(errors.Count == 0 ? new JsonSchema(node, built) : null, errors, warnings);
    }

    private static Library? MetaSchemaOf(JsonElement schema, List<JsonSchemaError> errors)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("$schema", out var dialect))
        {
            return s_metaSchemas[DefaultDialect];
        }

        if (dialect.ValueKind == JsonValueKind.String && s_metaSchemas.TryGetValue(dialect.GetString()!.TrimEnd('#'), out var meta))
        {
            return meta;
        }

        errors.Add(new("/$schema", $"Unknown dialect {dialect.GetRawText()}: use {string.Join(", ", s_metaSchemas.Keys)} (the first is the default)."));
        return null;
    }

    /// <summary>
    /// Walks the built schema: unknown keywords and formats are warnings, a reference that resolves to nothing is an error,
    /// and every regular expression gets a match timeout.
    /// </summary>
    private static void Prepare(JsonSchemaNode node, string at, List<JsonSchemaError> errors, List<JsonSchemaError> warnings, HashSet<JsonSchemaNode> visited)
    {
        if (!visited.Add(node))
        {
            return;
        }

        foreach (var keyword in node.Keywords ?? [])
        {
            var here = $"{at}/{Escape(keyword.Handler.Name)}";
            switch (keyword.Handler)
            {
                case AnnotationKeyword when keyword.Value is string unknown:
                    warnings.Add(new($"{at}/{Escape(unknown)}", $"Unknown keyword '{unknown}': the schema's dialect does not define it, so it has no effect."));
                    continue;
                case FormatKeyword or Json.Schema.Keywords.Draft06.FormatKeyword
                    when keyword.RawValue.ValueKind == JsonValueKind.String && FormatRegistry.Global.Get(keyword.RawValue.GetString()!) is UnknownFormat:
                    warnings.Add(new(here, $"Unknown format '{keyword.RawValue.GetString()}': it is not checked."));
                    continue;
                case RefKeyword:
                    if (keyword.Subschemas is not { Length: > 0 })
                    {
                        errors.Add(new(here, $"The reference {keyword.RawValue.GetRawText()} resolves to nothing in this schema (references are not downloaded)."));
                    }

                    continue; // the target is walked where it is defined
                case DynamicRefKeyword or Json.Schema.Keywords.Draft202012.DynamicRefKeyword or Json.Schema.Keywords.Draft201909.RecursiveRefKeyword:
                    continue;
                case PatternKeyword when keyword.Value is Regex regex:
                    keyword.Value = WithTimeout(regex);
                    continue;
                case PatternPropertiesKeyword when keyword.Value is IDictionary<string, Regex> patterns:
                    foreach (var name in patterns.Keys.ToList())
                    {
                        patterns[name] = WithTimeout(patterns[name]);
                    }

                    break;
            }

            foreach (var subschema in keyword.Subschemas ?? [])
            {
                Prepare(subschema, here + subschema.RelativePath, errors, warnings, visited);
            }
        }
    }

    private static Regex WithTimeout(Regex regex) => new(regex.ToString(), regex.Options, s_patternTimeout);

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
