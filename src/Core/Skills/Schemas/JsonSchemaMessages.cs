using System.Globalization;
using System.Text.Json;
using Json.Schema;

namespace AgentFunctions.Core.Skills.Schemas;

/// <summary>
/// The wording of validation errors: <c>JsonSchema.Net</c>'s messages with our templates (set once, process-wide, through
/// its <see cref="ErrorMessages"/>; they name the limits and values that its defaults leave out) and a little polish:
/// one error per missing required property, and a disallowed property named as such.
/// </summary>
internal static class JsonSchemaMessages
{
    static JsonSchemaMessages()
    {
        ErrorMessages.Type = "Expected [[expected]] but found [[received]].";
        ErrorMessages.Enum = "The value [[received]] is not one of the allowed values [[values]].";
        ErrorMessages.Const = "The value must be [[value]].";
        ErrorMessages.Pattern = "The string does not match the pattern [[pattern]].";
        ErrorMessages.Required = "[[missing]]";
        ErrorMessages.Minimum = "The number [[received]] is below the minimum [[limit]].";
        ErrorMessages.Maximum = "The number [[received]] is above the maximum [[limit]].";
        ErrorMessages.ExclusiveMinimum = "The number [[received]] must be greater than [[limit]].";
        ErrorMessages.ExclusiveMaximum = "The number [[received]] must be less than [[limit]].";
        ErrorMessages.MinLength = "The string has [[received]] characters; at least [[limit]] are required.";
        ErrorMessages.MaxLength = "The string has [[received]] characters; at most [[limit]] are allowed.";
        ErrorMessages.MinItems = "The array has [[received]] items; at least [[limit]] are required.";
        ErrorMessages.MaxItems = "The array has [[received]] items; at most [[limit]] are allowed.";
        ErrorMessages.MinProperties = "The object has [[received]] properties; at least [[limit]] are required.";
        ErrorMessages.MaxProperties = "The object has [[received]] properties; at most [[limit]] are allowed.";
        ErrorMessages.UniqueItems = "The array has equal items at the index pairs [[duplicates]].";
        ErrorMessages.FalseSchema = "No value is allowed here (the schema is false).";
        ErrorMessages.Format = "The value is not a valid [[format]].";
        ErrorMessages.FormatWithDetail = "The value is not a valid [[format]]: [[detail]].";
        EvaluationOptions = new EvaluationOptions
        {
            OutputFormat = OutputFormat.Hierarchical,
            RequireFormatValidation = true,
            Culture = CultureInfo.InvariantCulture,
        };
    }

    /// <summary>Gets the options of every evaluation: hierarchical output (so passing alternatives can be skipped), formats asserted.</summary>
    public static EvaluationOptions EvaluationOptions { get; }

    /// <summary>Turns one library error into our errors.</summary>
    /// <param name="keyword">The keyword that failed (empty for a <c>false</c> schema).</param>
    /// <param name="message">The library's message, from our templates.</param>
    /// <param name="at">The JSON pointer of the value.</param>
    /// <param name="evaluationPath">The JSON pointer of the failing schema along the evaluation (through references).</param>
    /// <returns>One error, or one per missing property for <c>required</c>.</returns>
    public static IEnumerable<JsonSchemaError> Describe(string keyword, string message, string at, string evaluationPath)
    {
        switch (keyword)
        {
            case "type":
                return [new(at, message.Replace("\"", string.Empty, StringComparison.Ordinal).Replace(", ", " or ", StringComparison.Ordinal))];
            case "required" when Names(message) is { } missing:
                return missing.Select(name => new JsonSchemaError(at, $"The required property '{name}' is missing."));
            case "const":
                return [new(at, DecodeLiteral(message, quote: string.Empty))];
            case "pattern":
                return [new(at, DecodeLiteral(message, quote: "'"))];
            case "" when evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal)
                || evaluationPath.EndsWith("/unevaluatedProperties", StringComparison.Ordinal):
                var name = at[(at.LastIndexOf('/') + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                return [new(at, $"The property '{name}' is not allowed ({evaluationPath[(evaluationPath.LastIndexOf('/') + 1)..]} is false).")];
            default:
                return [new(at, message)];
        }
    }

    /// <summary>Reads the names of the <c>[[missing]]</c> token (a JSON array of strings).</summary>
    private static string[]? Names(string message)
    {
        try
        {
            using var names = JsonDocument.Parse(message);
            return names.RootElement.ValueKind == JsonValueKind.Array ? [.. names.RootElement.EnumerateArray().Select(n => n.ToString())] : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The library writes the <c>const</c> value and the <c>pattern</c> as JSON string literals (quotes as <c>\u0022</c>): show them as written.</summary>
    private static string DecodeLiteral(string message, string quote)
    {
        var start = message.IndexOf('"', StringComparison.Ordinal);
        var end = message.LastIndexOf('"');
        if (start < 0 || end <= start)
        {
            return message;
        }

        try
        {
            using var literal = JsonDocument.Parse(message[start..(end + 1)]);
            return $"{message[..start]}{quote}{literal.RootElement.GetString()}{quote}{message[(end + 1)..]}";
        }
        catch (JsonException)
        {
            return message;
        }
    }
}
