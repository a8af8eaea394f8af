using System.Globalization;
using AgentFunctions.Core.Graphs;
using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Skills;

/// <summary>
/// Reads typed fields from a frontmatter mapping, reporting each bad value as an error issue with its file line.
/// A method returns null (or the default) for an absent or invalid field.
/// </summary>
/// <param name="map">The mapping.</param>
/// <param name="path">The file, for issues.</param>
/// <param name="lineOffset">Added to YAML's 1-based line to get the file line (1 for frontmatter, 0 for a YAML file).</param>
/// <param name="issues">Receives errors and warnings.</param>
/// <param name="prefix">Prefix of field names in messages, such as <c>budget.</c> for a nested mapping.</param>
internal sealed partial class FrontmatterReader(YamlMappingNode map, string path, int lineOffset, ICollection<SkillIssue> issues, string prefix = "")
{
    public string Path => path;

    public int LineOffset => lineOffset;

    public ICollection<SkillIssue> Issues => issues;

    public int? LineOf(YamlNode node) => (int)node.Start.Line + lineOffset;

    public int? LineOf(string key) => map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode s && s.Value == key).Key is { } k ? LineOf(k) : null;

    public YamlNode? Node(string key) =>
        map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode s && s.Value == key).Value;

    public void WarnUnknownFields(IReadOnlySet<string> known)
    {
        foreach (var (key, _) in map.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? key.ToString();
            if (!known.Contains(name))
            {
                issues.Add(new SkillIssue(SkillIssueCodes.UnknownField, path, LineOf(key),
                    $"Unknown frontmatter field '{prefix}{name}' (ignored){NameSuggestions.Hint(name, known)}.", IsError: false));
            }
        }
    }

    public void Error(string key, string message, string code = SkillIssueCodes.InvalidValue) =>
        issues.Add(new SkillIssue(code, path, LineOf(key), $"Frontmatter '{prefix}{key}': {message}", IsError: true));

    public void Warning(string key, string message, string code) =>
        issues.Add(new SkillIssue(code, path, LineOf(key), $"Frontmatter '{prefix}{key}': {message}", IsError: false));

    public string? String(string key) => Node(key) switch
    {
        null => null,
        YamlScalarNode s when YamlJson.IsNull(s) => null,
        YamlScalarNode s => s.Value,
        _ => Fail<string>(key, "must be a single value, not a list or a mapping."),
    };

    public string? OneOf(string key, IReadOnlyCollection<string> allowed)
    {
        var value = String(key);
        return value is null || allowed.Contains(value)
            ? value
            : Fail<string>(key, $"'{value}' must be one of {string.Join(", ", allowed)}.");
    }

    public decimal? Usd(string key)
    {
        var value = String(key);
        if (value is null)
        {
            return null;
        }

        return Units.TryParseUsd(value, out var usd)
            ? usd
            : Fail<decimal?>(key, $"'{value}' is not an amount in USD such as \"$0.05\" or 5.");
    }

    public TimeSpan? Duration(string key)
    {
        var value = String(key);
        if (value is null)
        {
            return null;
        }

        return Units.TryParseDuration(value, out var duration)
            ? duration
            : Fail<TimeSpan?>(key, $"'{value}' is not a duration such as \"30s\", \"2m\" or \"500ms\".");
    }

    public int? Int(string key, int min, int max)
    {
        var value = String(key);
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : Fail<int?>(key, $"'{value}' must be a whole number from {min} to {max}.");
    }

    public double? Double(string key, double min, double max)
    {
        var value = String(key);
        if (value is null)
        {
            return null;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= min && d <= max
            ? d
            : Fail<double?>(key, $"'{value}' must be a number from {min} to {max}.");
    }

    public YamlMappingNode? Mapping(string key) => Node(key) switch
    {
        null => null,
        YamlScalarNode s when YamlJson.IsNull(s) => null,
        YamlMappingNode m => m,
        _ => Fail<YamlMappingNode>(key, "must be a mapping of field: value lines."),
    };

    public IReadOnlyList<string> StringList(string key)
    {
        switch (Node(key))
        {
            case null:
                return [];
            case YamlScalarNode s when YamlJson.IsNull(s):
                return [];
            case YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode { Value.Length: > 0 } s && !YamlJson.IsNull(s)):
                var values = list.Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
                return values.Distinct(StringComparer.Ordinal).Count() == values.Count
                    ? values
                    : Fail<IReadOnlyList<string>>(key, "lists a name twice.") ?? [];
            default:
                return Fail<IReadOnlyList<string>>(key, "must be a list of names, such as [tests.run, security.scan].") ?? [];
        }
    }

    private T Fail<T>(string key, string message)
    {
        Error(key, message);
        return default!;
    }
}
