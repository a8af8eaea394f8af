using System.Globalization;
using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Learning.Reflexions;

/// <summary>
/// One structured condition of a rule's <c>applies_when</c>, on a top-level key of the skill's input.
/// A condition without <paramref name="Value"/> asks that the key is present (not null); one with a value asks that the key
/// equals it. <paramref name="Required"/> conditions must hold for the rule to apply; the others only rank it higher when
/// they hold (the input the rule was learned on had that value, but nothing says the rule needs it).
/// </summary>
/// <param name="Key">The input key.</param>
/// <param name="Value">The value the key had (short strings under 100 characters, numbers, booleans), or null for "is provided".</param>
/// <param name="Required">True when the rule applies only if the condition holds.</param>
public sealed record RuleCondition(string Key, JsonNode? Value, bool Required)
{
    /// <summary>Tells whether the condition holds for an input.</summary>
    /// <param name="input">The skill's input.</param>
    /// <returns>True when it holds.</returns>
    public bool Matches(JsonObject input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.TryGetPropertyValue(Key, out var actual) || actual is null)
        {
            return false;
        }

        return Value is null || JsonValues.DeepEquals(actual, Value);
    }

    /// <summary>Describes the condition in the seed's words: <c>key='value'</c>, <c>key=42</c> or <c>key is provided</c>.</summary>
    /// <returns>The description.</returns>
    public string Describe() => Value switch
    {
        null => $"{Key} is provided",
        JsonValue v when v.TryGetValue<string>(out var s) => $"{Key}='{s}'",
        _ => string.Create(CultureInfo.InvariantCulture, $"{Key}={Value.ToJsonString()}"),
    };
}
