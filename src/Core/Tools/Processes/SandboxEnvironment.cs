using System.Collections;
using System.IO.Enumeration;

namespace AgentFunctions.Core.Tools.Processes;

/// <summary>
/// Decides which of the host's environment variables a tool's process inherits: every child (test commands, git, the shell
/// tool, stdio MCP servers) starts from the host environment with secret-looking variables removed.
/// </summary>
/// <remarks>
/// <para>A variable is removed when any rule below matches; names are compared case-insensitively.</para>
/// <list type="number">
/// <item>Its name contains <c>KEY</c>, <c>TOKEN</c>, <c>SECRET</c>, <c>PASSWORD</c>, <c>PASSWD</c>, <c>CREDENTIAL</c>,
/// <c>CONNECTIONSTRING</c>, <c>CONNECTION_STRING</c> or <c>CONNSTR_</c> (App Service's <c>CUSTOMCONNSTR_</c>,
/// <c>SQLAZURECONNSTR_</c> … connection strings) anywhere.</item>
/// <item>One of its word parts (split at <c>_</c>, <c>.</c>, <c>-</c>, <c>:</c> and lower-to-upper case changes) is
/// <c>SAS</c> (<c>BLOB_SAS_URL</c>, <c>containerSasUri</c>; not <c>MASSIVE</c>).</item>
/// <item>It starts with <c>AzureWebJobsStorage</c> or <c>AzureWebJobsDashboard</c> (storage connection strings),
/// <c>Auth__</c> (API keys), <c>Models__</c> or <c>Providers__</c> (model endpoints and keys), <c>OPENAI_</c>,
/// <c>ANTHROPIC_</c>, <c>AZURE_</c> (SDK credentials such as <c>AZURE_CLIENT_SECRET</c>, <c>AZURE_CLIENT_ID</c>;
/// none is needed by a tool, so none is excepted: pass one with <see cref="SandboxOptions.PassVariables"/>), <c>MSI_</c>
/// (managed identity) or <c>APPSETTING_</c> (App Service's copy of every app setting).</item>
/// <item>It is <c>IDENTITY_ENDPOINT</c>, <c>IDENTITY_HEADER</c> or <c>IDENTITY_SERVER_THUMBPRINT</c> (the managed identity
/// endpoint, which hands out tokens to whoever calls it), <c>WEBSITE_RUN_FROM_PACKAGE</c> or
/// <c>SCM_RUN_FROM_PACKAGE</c> (may hold a blob URL with a SAS), or <c>SSH_AUTH_SOCK</c> (the SSH agent would sign for
/// the child).</item>
/// <item>Its value looks like a credential whatever its name: it contains <c>AccountKey=</c>,
/// <c>SharedAccessKey=</c>, <c>SharedAccessSignature=</c>, or a URL query's <c>sig=</c>.</item>
/// <item>It matches a pattern of <see cref="SandboxOptions.ExtraDeniedVariables"/>.</item>
/// </list>
/// <para>
/// A name matching <see cref="SandboxOptions.PassVariables"/> (and no extra denied pattern) is kept despite rules 1-5.
/// Everything else is kept: <c>PATH</c>, <c>HOME</c>, <c>LANG</c>, <c>TMPDIR</c>, <c>DOTNET_*</c>, <c>PYTHON*</c> and so
/// on, so git, Python and dotnet run as before. Variables a caller sets explicitly
/// (<see cref="ProcessRequest.Environment"/>, an MCP server's <c>env</c>) are applied after scrubbing.
/// </para>
/// </remarks>
public static class SandboxEnvironment
{
    private static readonly string[] s_deniedFragments =
        ["KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "CONNECTIONSTRING", "CONNECTION_STRING", "CONNSTR_"];

    private static readonly string[] s_deniedPrefixes =
        ["AzureWebJobsStorage", "AzureWebJobsDashboard", "Auth__", "Models__", "Providers__", "OPENAI_", "ANTHROPIC_", "AZURE_", "MSI_", "APPSETTING_"];

    private static readonly string[] s_deniedNames =
        ["IDENTITY_ENDPOINT", "IDENTITY_HEADER", "IDENTITY_SERVER_THUMBPRINT", "WEBSITE_RUN_FROM_PACKAGE", "SCM_RUN_FROM_PACKAGE", "SSH_AUTH_SOCK"];

    private static readonly string[] s_deniedWords = ["SAS"];

    private static readonly string[] s_deniedValueFragments = ["AccountKey=", "SharedAccessKey=", "SharedAccessSignature=", "?sig=", "&sig="];

    /// <summary>Reads this process's environment variables.</summary>
    /// <returns>Every variable of the host process, by name.</returns>
    public static Dictionary<string, string?> Current()
    {
        var result = new Dictionary<string, string?>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = (string?)entry.Value;
        }

        return result;
    }

    /// <summary>Returns the variables of <paramref name="inherited"/> a tool may see.</summary>
    /// <param name="inherited">The environment to scrub, usually <see cref="Current"/>.</param>
    /// <param name="options">The extra denied and passed names.</param>
    /// <returns>A new dictionary (names compared as in <paramref name="inherited"/>'s platform: ordinal on Unix) without the removed variables.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Dictionary<string, string?> Scrub(IEnumerable<KeyValuePair<string, string?>> inherited, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(inherited);
        ArgumentNullException.ThrowIfNull(options);
        var result = new Dictionary<string, string?>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var (name, value) in inherited)
        {
            if (!IsDenied(name, value, options))
            {
                result[name] = value;
            }
        }

        return result;
    }

    /// <summary>Decides whether one variable is removed from a tool's environment (see the rules above).</summary>
    /// <param name="name">The variable's name.</param>
    /// <param name="value">Its value; null or empty values are judged by the name alone.</param>
    /// <param name="options">The extra denied and passed names.</param>
    /// <returns>True when the variable must not reach the tool.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="options"/> is null.</exception>
    public static bool IsDenied(string name, string? value, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        if (SandboxOptions.NonBlank(options.ExtraDeniedVariables).Any(pattern => FileSystemName.MatchesSimpleExpression(pattern, name, ignoreCase: true)))
        {
            return true;
        }

        if (SandboxOptions.NonBlank(options.PassVariables).Any(pattern => FileSystemName.MatchesSimpleExpression(pattern, name, ignoreCase: true)))
        {
            return false;
        }

        return LooksSecret(name) || (value is { Length: > 0 } && s_deniedValueFragments.Any(f => value.Contains(f, StringComparison.OrdinalIgnoreCase)));
    }

    private static bool LooksSecret(string name) =>
        s_deniedFragments.Any(f => name.Contains(f, StringComparison.OrdinalIgnoreCase))
        || s_deniedPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase))
        || s_deniedNames.Any(n => name.Equals(n, StringComparison.OrdinalIgnoreCase))
        || WordParts(name).Any(part => s_deniedWords.Any(w => part.Equals(w, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Splits a name at separators and at lower-to-upper case changes: <c>blobSasUrl</c> gives blob, Sas, Url.</summary>
    private static IEnumerable<string> WordParts(string name)
    {
        var start = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            var end = i == name.Length || !char.IsLetterOrDigit(name[i]) || (i > start && char.IsLower(name[i - 1]) && char.IsUpper(name[i]));
            if (!end)
            {
                continue;
            }

            if (i > start)
            {
                yield return name[start..i];
            }

            start = i < name.Length && char.IsLetterOrDigit(name[i]) ? i : i + 1;
        }
    }
}
