using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Graphs;

/// <content>Typed reading of YAML values; each helper reports <c>invalid_value</c> and returns null on a wrong value.</content>
internal sealed partial class GraphReader
{
    /// <summary>
    /// Lists a mapping's entries with scalar keys. With <paramref name="allowed"/>, other keys are reported as
    /// <c>unknown_key</c> (with a suggestion) and skipped; non-scalar keys are always reported and skipped.
    /// </summary>
    private List<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(
        YamlMappingNode map, IReadOnlyList<string>? allowed, string? field, string? nodeId, string where)
    {
        var entries = new List<(string, YamlNode, YamlNode)>();
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Invalid(keyNode, field, nodeId, $"Keys {where} must be plain strings, not {Describe(keyNode)}.");
                continue;
            }

            if (allowed is not null && !allowed.Contains(key))
            {
                var path = field is null ? key : $"{field}.{key}";
                errors.Add(GraphErrorCodes.UnknownKey, $"Unknown key '{key}' {where}{NameSuggestions.Hint(key, allowed)} (allowed: {string.Join(", ", allowed)}).", keyNode, nodeId, path);
                continue;
            }

            entries.Add((key, keyNode, value));
        }

        return entries;
    }

    private YamlMappingNode? AsMapping(YamlNode value, string field, string? nodeId, bool nullIsEmpty)
    {
        if (value is YamlMappingNode map)
        {
            return map;
        }

        if (nullIsEmpty && IsNull(value))
        {
            return [];
        }

        Invalid(value, field, nodeId, $"'{field}' must be a mapping of keys to values, not {Describe(value)}.");
        return null;
    }

    private string? ReadString(YamlNode value, string field, string? nodeId)
    {
        if (value is YamlScalarNode { Value: { } text } && !IsNull(value))
        {
            return text;
        }

        Invalid(value, field, nodeId, $"'{field}' must be a string, not {Describe(value)}.");
        return null;
    }

    private string? ReadPatterned(YamlNode value, string field, string? nodeId, Regex pattern, string expected)
    {
        var text = ReadString(value, field, nodeId);
        if (text is not null && !pattern.IsMatch(text))
        {
            Invalid(value, field, nodeId, $"'{text}' is not valid for '{field}'; expected {expected}.");
            return null;
        }

        return text;
    }

    private int? ReadInt(YamlNode value, string field, string? nodeId, int min, int max)
    {
        if (YamlJson.ToScalar(value) is { } json && json.GetValueKind() == System.Text.Json.JsonValueKind.Number
            && json.TryGetValue<long>(out var number))
        {
            if (number >= min && number <= max)
            {
                return (int)number;
            }

            Invalid(value, field, nodeId, string.Create(CultureInfo.InvariantCulture, $"'{field}' is {number}; it must be between {min} and {max}."));
            return null;
        }

        Invalid(value, field, nodeId, $"'{field}' must be a whole number, not {Describe(value)}.");
        return null;
    }

    private bool? ReadBool(YamlNode value, string field, string? nodeId)
    {
        if (YamlJson.ToScalar(value) is { } json && json.TryGetValue<bool>(out var flag))
        {
            return flag;
        }

        Invalid(value, field, nodeId, $"'{field}' must be true or false, not {Describe(value)}.");
        return null;
    }

    private List<string> ReadStringList(YamlNode value, string field, string? nodeId, Action<YamlNode, string> each)
    {
        var items = value is YamlSequenceNode sequence ? sequence.Children : (IEnumerable<YamlNode>)[value];
        var list = new List<string>();
        foreach (var item in items)
        {
            if (ReadString(item, field, nodeId) is { } text)
            {
                list.Add(text);
                each(item, text);
            }
        }

        return list;
    }

    /// <summary>Converts a YAML value to JSON (see <see cref="YamlJson"/>), recording strings that hold expressions.</summary>
    private System.Text.Json.Nodes.JsonNode? ToJson(YamlNode value, string field, string? nodeId, List<ExpressionSite>? sites) =>
        YamlJson.ToJson(value, field, (at, path, message) => Invalid(at, path, nodeId, message), sites);

    /// <summary>Reports <c>invalid_value</c> at <paramref name="at"/>.</summary>
    private void Invalid(YamlNode at, string? field, string? nodeId, string message) =>
        errors.Add(GraphErrorCodes.InvalidValue, message, at, nodeId, field);

    private static bool IsNull(YamlNode value) => YamlJson.IsNull(value);

    private static string Describe(YamlNode value) => value switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ when IsNull(value) => "an empty value",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an alias",
    };
}
