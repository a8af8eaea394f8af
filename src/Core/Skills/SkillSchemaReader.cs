using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Skills.Schemas;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Skills;

/// <summary>
/// Reads <c>input_schema</c> / <c>output_schema</c>: a JSON Schema written as a YAML mapping in the frontmatter, or a
/// path, relative to the skill folder and inside it, of a <c>.json</c>, <c>.yaml</c> or <c>.yml</c> file. Schema errors
/// and keywords or formats that have no effect become issues with the line of the offending keyword where it is known.
/// </summary>
internal static class SkillSchemaReader
{
    private static readonly JsonDocumentOptions s_jsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Reads one schema field.</summary>
    /// <param name="reader">The frontmatter.</param>
    /// <param name="key">The field name.</param>
    /// <param name="schemaFiles">Receives the content of a referenced schema file (it is part of the skill's version).</param>
    /// <returns>The schema, or null when absent or invalid (an error issue is added when invalid).</returns>
    public static JsonSchema? Read(FrontmatterReader reader, string key, List<string> schemaFiles)
    {
        switch (reader.Node(key))
        {
            case null:
                return null;
            case YamlMappingNode map:
                return Check(Convert(map, reader.LineOffset), key, reader.Path, reader.Issues);
            case YamlScalarNode { Value: { Length: > 0 } relative } scalar when !YamlJson.IsNull(scalar):
                return ReadFile(reader, key, relative, schemaFiles);
            default:
                reader.Error(key, "must be a JSON Schema written as a YAML mapping, or the relative path of a .json or .yaml file in the skill folder.", SkillIssueCodes.InvalidSchema);
                return null;
        }
    }

    private static JsonSchema? ReadFile(FrontmatterReader reader, string key, string relative, List<string> schemaFiles)
    {
        var skillFolder = Path.GetFullPath(Path.GetDirectoryName(reader.Path) ?? ".");
        var full = Path.GetFullPath(Path.Combine(skillFolder, relative));
        if (Path.IsPathRooted(relative) || !full.StartsWith(skillFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            reader.Error(key, $"'{relative}' must be a relative path inside the skill folder.", SkillIssueCodes.InvalidSchema);
            return null;
        }

        if (!File.Exists(full))
        {
            reader.Error(key, $"the schema file '{relative}' does not exist.", SkillIssueCodes.InvalidSchema);
            return null;
        }

        var text = File.ReadAllText(full);
        schemaFiles.Add(text);
        var extension = Path.GetExtension(full).ToLowerInvariant();
        try
        {
            return extension switch
            {
                ".json" => Check((JsonNode.Parse(text, documentOptions: s_jsonOptions), []), key, full, reader.Issues),
                ".yaml" or ".yml" => Check(ConvertYamlFile(text), key, full, reader.Issues),
                _ => Fail(reader, key, $"the schema file '{relative}' must end in .json, .yaml or .yml."),
            };
        }
        catch (JsonException ex)
        {
            reader.Issues.Add(new SkillIssue(SkillIssueCodes.InvalidSchema, full, (int?)ex.LineNumber + 1, $"{key}: the file is not valid JSON: {ex.Message}", IsError: true));
        }
        catch (YamlLimitException ex)
        {
            reader.Issues.Add(new SkillIssue(SkillIssueCodes.InvalidSchema, full, ex.At is { } at ? (int)at.Line : null, $"{key}: the file cannot be read safely: {ex.Reason}", IsError: true));
        }
        catch (YamlException ex)
        {
            reader.Issues.Add(new SkillIssue(SkillIssueCodes.InvalidSchema, full, (int)ex.Start.Line, $"{key}: the file is not valid YAML: {ex.Message}", IsError: true));
        }

        return null;
    }

    private static (JsonNode? Json, Dictionary<string, int> Lines) ConvertYamlFile(string text)
    {
        var stream = YamlLimits.Load(text);
        return stream.Documents.Count == 0 ? (null, []) : Convert(stream.Documents[0].RootNode, 0);
    }

    private static JsonSchema? Check((JsonNode? Json, Dictionary<string, int> Lines) schema, string key, string path, ICollection<SkillIssue> issues)
    {
        var result = JsonSchema.Parse(schema.Json);
        foreach (var (problems, isError) in new[] { (result.Errors, true), (result.Warnings, false) })
        {
            foreach (var problem in problems)
            {
                issues.Add(new SkillIssue(
                    isError ? SkillIssueCodes.InvalidSchema : SkillIssueCodes.UnsupportedSchemaKeyword,
                    path, LineOf(problem.Path, schema.Lines), $"{key} at {problem}", isError));
            }
        }

        return result.Schema;
    }

    private static JsonSchema? Fail(FrontmatterReader reader, string key, string message)
    {
        reader.Error(key, message, SkillIssueCodes.InvalidSchema);
        return null;
    }

    private static int? LineOf(string pointer, Dictionary<string, int> lines)
    {
        for (var at = pointer; ; at = at[..at.LastIndexOf('/')])
        {
            if (lines.TryGetValue(at, out var line))
            {
                return line;
            }

            if (at.Length == 0)
            {
                return null;
            }
        }
    }

    /// <summary>Converts YAML to JSON (YAML 1.2 core schema scalars), recording the file line of every JSON pointer.</summary>
    private static (JsonNode? Json, Dictionary<string, int> Lines) Convert(YamlNode root, int lineOffset)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        JsonNode? Walk(YamlNode node, string pointer, int line)
        {
            lines[pointer] = line;
            switch (node)
            {
                case YamlMappingNode map:
                    var obj = new JsonObject();
                    foreach (var (keyNode, value) in map.Children)
                    {
                        var name = (keyNode as YamlScalarNode)?.Value ?? keyNode.ToString();
                        var escaped = name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                        obj[name] = Walk(value, $"{pointer}/{escaped}", (int)keyNode.Start.Line + lineOffset);
                    }

                    return obj;
                case YamlSequenceNode sequence:
                    return new JsonArray([.. sequence.Children.Select((item, i) => Walk(item, $"{pointer}/{i}", (int)item.Start.Line + lineOffset))]);
                default:
                    return YamlJson.ToScalar(node);
            }
        }

        return (Walk(root, string.Empty, (int)root.Start.Line + lineOffset), lines);
    }
}
