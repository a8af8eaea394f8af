using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Graphs;

/// <summary>
/// Converts YAML values to JSON following the YAML 1.2 core schema for plain (unquoted) scalars: <c>true</c>/<c>false</c>
/// become booleans, integers and decimals become numbers, <c>null</c>, <c>~</c> and empty become null, anything else is a
/// string. Quoted and block scalars, and scalars tagged <c>!!str</c>, always stay strings.
/// </summary>
internal static partial class YamlJson
{
    private const string StringTag = "tag:yaml.org,2002:str";

    /// <summary>Returns whether a node is a plain null scalar.</summary>
    public static bool IsNull(YamlNode value) =>
        value is YamlScalarNode scalar && IsPlain(scalar) && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>Converts a scalar node; returns null for other nodes and for null scalars.</summary>
    public static JsonValue? ToScalar(YamlNode value)
    {
        if (value is not YamlScalarNode scalar || IsNull(scalar))
        {
            return null;
        }

        var text = scalar.Value ?? string.Empty;
        if (!IsPlain(scalar))
        {
            return JsonValue.Create(text);
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(text[0] is 't' or 'T');
        }

        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (DecimalPattern().IsMatch(text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return DecimalPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var large)
            && double.IsFinite(large)
            ? JsonValue.Create(large)
            : JsonValue.Create(text);
    }

    /// <summary>Converts any node; mapping keys must be scalars (others are reported and skipped).</summary>
    /// <param name="value">The YAML node.</param>
    /// <param name="field">Dotted path of the node, for errors and expression sites.</param>
    /// <param name="invalid">Called with the node, its path and a message for each key that is not a scalar.</param>
    /// <param name="sites">Receives every string that holds <c>${{</c>; null to skip.</param>
    public static JsonNode? ToJson(YamlNode value, string field, Action<YamlNode, string, string> invalid, List<ExpressionSite>? sites)
    {
        switch (value)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (keyNode, item) in map.Children)
                {
                    if (keyNode is YamlScalarNode { Value: { } key })
                    {
                        obj[key] = ToJson(item, $"{field}.{key}", invalid, sites);
                    }
                    else
                    {
                        invalid(keyNode, field, $"Keys in '{field}' must be strings.");
                    }
                }

                return obj;
            case YamlSequenceNode sequence:
                return new JsonArray(sequence.Children.Select((item, i) => ToJson(item, $"{field}[{i}]", invalid, sites)).ToArray());
            default:
                var scalar = ToScalar(value);
                if (sites is not null && scalar is not null && scalar.TryGetValue<string>(out var text) && GraphExpression.ContainsExpression(text))
                {
                    sites.Add(new ExpressionSite(text, value, field));
                }

                return scalar;
        }
    }

    private static bool IsPlain(YamlScalarNode scalar) =>
        scalar.Style is YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any
        && !(scalar.Tag.IsEmpty is false && scalar.Tag.Value == StringTag);

    [GeneratedRegex("^[-+]?[0-9]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalPattern();
}
