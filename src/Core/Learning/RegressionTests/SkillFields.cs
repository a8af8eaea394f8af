using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Learning.RegressionTests;

/// <summary>
/// Lists the fields a correction's text can be grounded in: the output fields the skill's <c>output_schema</c> declares
/// (<c>properties</c>, nested up to three levels, with <c>type</c> and string <c>enum</c>/<c>const</c> values), the output
/// fields the corrected execution produced that the schema does not declare (kind from the value), and the input's fields.
/// </summary>
internal static class SkillFields
{
    private const int MaxDepth = 3;

    public static IReadOnlyList<SkillField> Collect(JsonObject? outputSchema, JsonNode? output, JsonObject? input)
    {
        var fields = new List<SkillField>();
        if (outputSchema is not null)
        {
            FromSchema(outputSchema, string.Empty, 0, fields);
        }

        FromValue(AssertionCondition.Output, output, string.Empty, 0, fields);
        FromValue(AssertionCondition.Input, input, string.Empty, 0, fields);
        return fields;
    }

    private static void FromSchema(JsonObject schema, string path, int depth, List<SkillField> fields)
    {
        if (depth >= MaxDepth || schema["properties"] is not JsonObject properties)
        {
            return;
        }

        foreach (var (name, node) in properties)
        {
            if (node is not JsonObject property)
            {
                continue;
            }

            var at = JsonPointer.Append(path, name);
            var values = property["enum"] is JsonArray e ? e.Where(IsString).Select(v => v!.GetValue<string>()).ToList()
                : property["const"] is { } c && IsString(c) ? [c.GetValue<string>()] : [];
            fields.Add(new SkillField(AssertionCondition.Output, at, name, KindOf(property["type"], values), values));
            FromSchema(property, at, depth + 1, fields);
        }
    }

    private static void FromValue(string source, JsonNode? value, string path, int depth, List<SkillField> fields)
    {
        if (depth >= MaxDepth || value is not JsonObject obj)
        {
            return;
        }

        foreach (var (name, child) in obj)
        {
            var at = JsonPointer.Append(path, name);
            if (!fields.Any(f => f.Source == source && f.Path == at))
            {
                var kind = child?.GetValueKind() switch
                {
                    JsonValueKind.Number => "number",
                    JsonValueKind.String => "string",
                    JsonValueKind.True or JsonValueKind.False => "boolean",
                    _ => "other",
                };
                fields.Add(new SkillField(source, at, name, kind, []));
            }

            FromValue(source, child, at, depth + 1, fields);
        }
    }

    private static string KindOf(JsonNode? type, List<string> values)
    {
        var names = type is JsonArray a ? a.Where(IsString).Select(t => t!.GetValue<string>()).ToList()
            : type is not null && IsString(type) ? [type.GetValue<string>()] : [];
        return names.FirstOrDefault(n => n != "null") switch
        {
            "number" or "integer" => "number",
            "string" => "string",
            "boolean" => "boolean",
            null when values.Count > 0 => "string",
            _ => "other",
        };
    }

    private static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;
}
