using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AgentFunctions.Core.Skills.Schemas;

/// <content>Validation of values against a parsed schema.</content>
public sealed partial class JsonSchema
{
    /// <summary>Validates a value against the schema, reporting every violation of the supported keywords.</summary>
    /// <param name="instance">The value (null is JSON <c>null</c>).</param>
    /// <returns>The violations, each with the JSON pointer of the offending value; empty when the value is valid.</returns>
    public IReadOnlyList<JsonSchemaError> Validate(JsonNode? instance)
    {
        var errors = new List<JsonSchemaError>();
        Validate(Node, instance, string.Empty, errors);
        return errors;
    }

    private void Validate(JsonNode? schema, JsonNode? instance, string at, List<JsonSchemaError> errors)
    {
        if (Kind(schema) == JsonValueKind.False)
        {
            errors.Add(new(at, "No value is allowed here (the schema is false)."));
            return;
        }

        if (schema is not JsonObject s)
        {
            return;
        }

        if (s["type"] is { } type && !MatchesType(type, instance))
        {
            errors.Add(new(at, $"Expected {Describe(type)} but found {KindName(instance)}."));
            return;
        }

        if (s["enum"] is JsonArray allowed && !allowed.Any(a => JsonEquals(a, instance)))
        {
            errors.Add(new(at, $"The value {Show(instance)} is not one of the allowed values {Show(allowed)}."));
        }

        if (s.TryGetPropertyValue("const", out var constant) && !JsonEquals(constant, instance))
        {
            errors.Add(new(at, $"The value must be {Show(constant)}."));
        }

        switch (Kind(instance))
        {
            case JsonValueKind.String:
                ValidateString(s, instance!.GetValue<string>(), at, errors);
                break;
            case JsonValueKind.Number:
                ValidateNumber(s, instance!, at, errors);
                break;
            case JsonValueKind.Object:
                ValidateObject(s, (JsonObject)instance!, at, errors);
                break;
            case JsonValueKind.Array:
                ValidateArray(s, (JsonArray)instance!, at, errors);
                break;
        }
    }

    private void ValidateString(JsonObject s, string text, string at, List<JsonSchemaError> errors)
    {
        var length = text.EnumerateRunes().Count();
        if (Number(s["minLength"]) is { } min && length < min)
        {
            errors.Add(new(at, $"The string has {length} characters; at least {min} are required."));
        }

        if (Number(s["maxLength"]) is { } max && length > max)
        {
            errors.Add(new(at, $"The string has {length} characters; at most {max} are allowed."));
        }

        if (s["pattern"] is JsonValue p && _patterns.TryGetValue(p.GetValue<string>(), out var regex))
        {
            try
            {
                if (!regex.IsMatch(text))
                {
                    errors.Add(new(at, $"The string does not match the pattern '{regex}'."));
                }
            }
            catch (RegexMatchTimeoutException)
            {
                errors.Add(new(at, $"Matching the pattern '{regex}' took longer than {s_patternTimeout.TotalMilliseconds} ms; the value is rejected."));
            }
        }
    }

    private static void ValidateNumber(JsonObject s, JsonNode instance, string at, List<JsonSchemaError> errors)
    {
        var value = Number(instance);
        if (Number(s["minimum"]) is { } min && (value is null ? Double(instance) < (double)min : value < min))
        {
            errors.Add(new(at, $"The number {Show(instance)} is below the minimum {min}."));
        }

        if (Number(s["maximum"]) is { } max && (value is null ? Double(instance) > (double)max : value > max))
        {
            errors.Add(new(at, $"The number {Show(instance)} is above the maximum {max}."));
        }
    }

    private void ValidateObject(JsonObject s, JsonObject instance, string at, List<JsonSchemaError> errors)
    {
        if (s["required"] is JsonArray required)
        {
            foreach (var name in required.Select(n => n!.GetValue<string>()).Where(n => !instance.ContainsKey(n)))
            {
                errors.Add(new(at, $"The required property '{name}' is missing."));
            }
        }

        var properties = s["properties"] as JsonObject;
        var closed = Kind(s["additionalProperties"]) == JsonValueKind.False;
        foreach (var (name, value) in instance)
        {
            var here = $"{at}/{Escape(name)}";
            if (properties is not null && properties.TryGetPropertyValue(name, out var propertySchema))
            {
                Validate(propertySchema, value, here, errors);
            }
            else if (closed)
            {
                errors.Add(new(here, $"The property '{name}' is not allowed (additionalProperties is false)."));
            }
        }
    }

    private void ValidateArray(JsonObject s, JsonArray instance, string at, List<JsonSchemaError> errors)
    {
        if (Number(s["minItems"]) is { } min && instance.Count < min)
        {
            errors.Add(new(at, $"The array has {instance.Count} items; at least {min} are required."));
        }

        if (Number(s["maxItems"]) is { } max && instance.Count > max)
        {
            errors.Add(new(at, $"The array has {instance.Count} items; at most {max} are allowed."));
        }

        if (s["items"] is { } items and not JsonArray)
        {
            for (var i = 0; i < instance.Count; i++)
            {
                Validate(items, instance[i], $"{at}/{i}", errors);
            }
        }
    }
}
