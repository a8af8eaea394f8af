using System.Text;

namespace AgentFunctions.Core.Skills;

/// <summary>
/// The conventional sections of a SKILL.md body that Agentura's server extracts: the <c># title</c>, <c>## Task</c>,
/// <c>## Context You'll Receive</c>, <c>## Output Format</c> (also accepted as <c>## Output Schema</c>, as in Agentura's
/// README) and the bullets of <c>## Guardrails</c>. Nothing is derived from them (no schema is guessed from the output
/// example); they are exposed as written. Headings inside code fences do not count.
/// </summary>
/// <param name="Title">The text of the first <c># heading</c>, or null.</param>
/// <param name="Task">The text under <c>## Task</c>, or null when there is no such section.</param>
/// <param name="Context">The text under <c>## Context You'll Receive</c>, or null.</param>
/// <param name="OutputFormat">The text under <c>## Output Format</c>, or null.</param>
/// <param name="Guardrails">The bullets under <c>## Guardrails</c>, one string each (continuation lines joined with a space).</param>
public sealed record SkillSections(string? Title, string? Task, string? Context, string? OutputFormat, IReadOnlyList<string> Guardrails)
{
    /// <summary>Extracts the sections of a Markdown body.</summary>
    /// <param name="body">The body (line endings <c>\n</c> or <c>\r\n</c>).</param>
    /// <returns>The sections; absent ones are null (or an empty list of guardrails).</returns>
    public static SkillSections Extract(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        string? title = null;
        var sections = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        StringBuilder? current = null;
        var inFence = false;
        foreach (var line in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal) || line.TrimStart().StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            else if (!inFence && line.StartsWith("# ", StringComparison.Ordinal))
            {
                title ??= line[2..].Trim();
                current = null;
                continue;
            }
            else if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
            {
                current = Canonical(line[3..]) is { } name && !sections.ContainsKey(name) ? sections[name] = new StringBuilder() : null;
                continue;
            }

            current?.Append(line).Append('\n');
        }

        string? Text(string name) => sections.TryGetValue(name, out var text) ? text.ToString().Trim() : null;
        return new SkillSections(title, Text("task"), Text("context"), Text("output"), Bullets(Text("guardrails")));
    }

    private static string? Canonical(string heading) =>
        heading.Trim().TrimEnd(':').Replace('\u2019', '\'').ToLowerInvariant() switch
        {
            "task" => "task",
            "context you'll receive" => "context",
            "output format" or "output schema" => "output",
            "guardrails" => "guardrails",
            _ => null,
        };

    private static List<string> Bullets(string? text)
    {
        var bullets = new List<string>();
        foreach (var line in (text ?? string.Empty).Split('\n'))
        {
            var trimmed = line.TrimStart();
            var indent = line.Length - trimmed.Length;
            if (indent < 2 && trimmed.Length > 1 && trimmed[0] is '-' or '*' or '+' && trimmed[1] == ' ')
            {
                bullets.Add(trimmed[2..].Trim());
            }
            else if (bullets.Count > 0 && indent >= 2 && trimmed.Length > 0)
            {
                bullets[^1] = $"{bullets[^1]} {trimmed.Trim()}";
            }
        }

        return bullets;
    }
}
