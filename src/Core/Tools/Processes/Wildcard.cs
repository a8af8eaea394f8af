namespace AgentFunctions.Core.Tools.Processes;

/// <summary>Matches a name against a pattern in which <c>*</c> stands for any run of characters (none included), case-insensitively.</summary>
internal static class Wildcard
{
    /// <summary>Tells whether <paramref name="name"/> matches <paramref name="pattern"/> as a whole.</summary>
    /// <param name="name">The name, such as <c>MYCOMPANY_API</c>.</param>
    /// <param name="pattern">The pattern, such as <c>MYCOMPANY_*</c>; without <c>*</c> the name must equal it.</param>
    /// <returns>True when it matches.</returns>
    public static bool IsMatch(string name, string pattern)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return name.Equals(pattern, StringComparison.OrdinalIgnoreCase);
        }

        if (!name.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase) || !name.EndsWith(parts[^1], StringComparison.OrdinalIgnoreCase)
            || name.Length < parts[0].Length + parts[^1].Length)
        {
            return false;
        }

        var position = parts[0].Length;
        var limit = name.Length - parts[^1].Length;
        foreach (var part in parts[1..^1])
        {
            var found = name.IndexOf(part, position, limit - position, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }

            position = found + part.Length;
        }

        return true;
    }
}
