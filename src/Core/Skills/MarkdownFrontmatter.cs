using AgentFunctions.Core.Graphs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Skills;

/// <summary>
/// Splits a Markdown file into its YAML frontmatter (between a first line <c>---</c> and the next line <c>---</c>) and
/// its body, and parses the frontmatter. Frontmatter line <c>n</c> is file line <c>n + 1</c>.
/// </summary>
internal static class MarkdownFrontmatter
{
    /// <summary>Splits a text whose line endings are <c>\n</c>.</summary>
    /// <param name="text">The file content.</param>
    /// <returns>The frontmatter YAML (null when the file does not start with <c>---</c> or the block is not closed), the body and the body's first line.</returns>
    public static (string? Yaml, string Body, int BodyLine) Split(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            return (null, text, 1);
        }

        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() == "---")
            {
                return (string.Join('\n', lines[1..i]), string.Join('\n', lines[(i + 1)..]), i + 2);
            }
        }

        return (null, text, 1);
    }

    /// <summary>Parses frontmatter YAML into a mapping, within the <see cref="YamlLimits"/> (size, nesting, no aliases).</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="map">The mapping (empty for an empty block).</param>
    /// <param name="error">Why it cannot be used, and the 1-based file line, when the result is false.</param>
    /// <returns>True when the YAML parses to a mapping.</returns>
    public static bool TryParse(string yaml, out YamlMappingNode map, out (string Message, int Line) error)
    {
        map = new YamlMappingNode();
        error = default;
        try
        {
            var stream = YamlLimits.Load(yaml);
            switch (stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null)
            {
                case null:
                case YamlScalarNode { Value: null or "" }:
                    return true;
                case YamlMappingNode m:
                    map = m;
                    return true;
                case var other:
                    error = ("The frontmatter must be a YAML mapping of field: value lines.", (int)other.Start.Line + 1);
                    return false;
            }
        }
        catch (YamlLimitException ex)
        {
            error = ($"The frontmatter cannot be read safely: {ex.Reason}", ex.At is { } at ? (int)at.Line + 1 : 1);
            return false;
        }
        catch (YamlException ex)
        {
            error = ($"The frontmatter is not valid YAML: {ex.Message}", (int)ex.Start.Line + 1);
            return false;
        }
    }
}
