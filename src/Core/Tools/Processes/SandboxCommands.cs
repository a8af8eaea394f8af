namespace AgentFunctions.Core.Tools.Processes;

/// <summary>
/// Decides whether a command named by a graph, a node, a skill's input or a <c>DOMAIN.md</c> (a test command, a stdio MCP
/// server) may be started: only programs on <see cref="SandboxOptions.EffectiveAllowedCommands"/> may.
/// </summary>
/// <remarks>
/// A bare name (<c>python3</c>) is allowed when the list holds that exact name; it is then looked up on <c>PATH</c>. A name
/// holding a path separator (<c>/usr/bin/python3</c>, <c>./run</c>) is allowed only when it is a full path and the list
/// holds that full path: a bare name on the list does not admit a program of that name elsewhere. Git (run by the
/// workspace tools) and <c>/bin/sh</c> (run by the <c>shell</c> tool, which is off unless <c>Tools:Shell:Enabled</c> is
/// true) are started by the app itself, not named by a graph, and are not checked. The list limits which programs
/// start, not what they do: an allowed interpreter still runs whatever script its arguments name.
/// </remarks>
public static class SandboxCommands
{
    /// <summary>Says why <paramref name="command"/> may not be started, or nothing when it may.</summary>
    /// <param name="command">The program, as the command names it (its first word).</param>
    /// <param name="options">The allowed commands.</param>
    /// <returns>Null when allowed; otherwise a message naming the command, the allowed list and the setting to change.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string? Refusal(string command, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(options);
        var allowed = options.EffectiveAllowedCommands;
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var hasSeparator = command.Contains('/', StringComparison.Ordinal) || command.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal);
        var ok = hasSeparator
            ? Path.IsPathFullyQualified(command) && allowed.Any(a => Path.IsPathFullyQualified(a) && string.Equals(Path.GetFullPath(a), Path.GetFullPath(command), comparison))
            : command.Length > 0 && allowed.Any(a => string.Equals(a, command, comparison));
        if (ok)
        {
            return null;
        }

        var why = hasSeparator
            ? "a command given as a path must be a full path that is itself on the allowed list"
            : "it is not on the allowed list";
        return $"The command '{command}' is not allowed: {why} ({SandboxOptions.SectionName}:AllowedCommands: {string.Join(", ", allowed)}). " +
            $"To allow it, list it in the setting {SandboxOptions.AllowedCommandsSetting} (N = 0, 1, …; setting the list replaces the default). " +
            "Shell command lines run only through the shell tool (Tools:Shell:Enabled).";
    }
}
