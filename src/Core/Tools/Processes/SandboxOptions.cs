namespace AgentFunctions.Core.Tools.Processes;

/// <summary>
/// What tools may start and what environment they inherit (section <c>Tools:Sandbox</c>); see
/// <see cref="SandboxCommands"/> and <see cref="SandboxEnvironment"/> for how each list is applied.
/// </summary>
/// <remarks>
/// Lists are bound as arrays: <c>Tools__Sandbox__AllowedCommands__0=git</c>, <c>Tools__Sandbox__AllowedCommands__1=python3</c>, ….
/// Blank entries are ignored, so a settings file can list a key with an empty value.
/// </remarks>
public sealed class SandboxOptions
{
    /// <summary>The configuration section bound to these options.</summary>
    public const string SectionName = "Tools:Sandbox";

    /// <summary>The setting an operator edits to allow a command, as an environment variable or app setting.</summary>
    public const string AllowedCommandsSetting = "Tools__Sandbox__AllowedCommands__N";

    /// <summary>
    /// Gets the programs allowed when <see cref="AllowedCommands"/> is not set: git, the Python, .NET and Node tool chains,
    /// pytest and make. No shell (<c>bash</c>, <c>sh</c>) is on it: a shell would run any command line; the <c>shell</c> tool,
    /// off unless <c>Tools:Shell:Enabled</c> is true, is the only way to run one.
    /// </summary>
    public static IReadOnlyList<string> DefaultAllowedCommands { get; } =
        ["git", "python3", "python", "dotnet", "node", "npm", "npx", "pytest", "make"];

    /// <summary>
    /// Gets or sets the programs a test command or a stdio MCP server may start: bare names (matched against the
    /// command's name exactly, case-sensitively) or full paths (matched against a command given as a full path). Null or
    /// empty for <see cref="DefaultAllowedCommands"/>; when set it replaces that list.
    /// </summary>
    public string[]? AllowedCommands { get; set; }

    /// <summary>
    /// Gets or sets more environment variable names to remove from every tool's inherited environment, beyond the
    /// built-in rules of <see cref="SandboxEnvironment"/>; case-insensitive, <c>*</c> matches any run of characters and <c>?</c> one
    /// (<c>MYCOMPANY_*</c>; <see cref="System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(System.ReadOnlySpan{char}, System.ReadOnlySpan{char}, bool)"/>). A name matching both this list and <see cref="PassVariables"/> is removed.
    /// </summary>
    public string[] ExtraDeniedVariables { get; set; } = [];

    /// <summary>
    /// Gets or sets environment variable names that tools inherit even though a built-in rule would remove them (such as
    /// <c>AZURE_FUNCTIONS_ENVIRONMENT</c>); case-insensitive, <c>*</c> matches any run of characters and <c>?</c> one.
    /// </summary>
    public string[] PassVariables { get; set; } = [];

    /// <summary>Gets the allowed commands in effect: the non-blank entries of <see cref="AllowedCommands"/>, or <see cref="DefaultAllowedCommands"/> when there are none.</summary>
    public IReadOnlyList<string> EffectiveAllowedCommands =>
        NonBlank(AllowedCommands) is { Count: > 0 } configured ? configured : DefaultAllowedCommands;

    /// <summary>Returns the entries of <paramref name="values"/> that are not blank, trimmed.</summary>
    internal static IReadOnlyList<string> NonBlank(string[]? values) =>
        values is null ? [] : [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim())];
}
