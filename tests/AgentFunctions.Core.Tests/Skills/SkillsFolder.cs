namespace AgentFunctions.Core.Tests.Skills;

/// <summary>A temporary skills folder for one test, deleted on dispose.</summary>
internal sealed class SkillsFolder : IDisposable
{
    public SkillsFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "agentfunctions-tests", "skills-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Writes a file under the root (folders are created) and returns its full path.</summary>
    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes a complete skill (SKILL.md with Task and Output Format, and a fixture) that loads without issues.</summary>
    public string WriteSkill(string domain, string name, string extraFrontmatter = "", string? fixture = "{}")
    {
        if (fixture is not null)
        {
            Write($"{domain}/{name}/fixtures/sample_input.json", fixture);
        }

        return Write($"{domain}/{name}/SKILL.md", $"---\nname: {name}\ndomain: {domain}\n{extraFrontmatter}---\n{SkillText.Body}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder does not fail a test.
        }
    }
}
