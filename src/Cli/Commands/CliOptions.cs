using System.CommandLine;

namespace AgentFunctions.Cli.Commands;

/// <summary>The global options every API command reads: where the app is, the API key, and machine output.</summary>
public static class CliOptions
{
    /// <summary>The default address when neither <c>--url</c> nor <c>AGENTFN_URL</c> is given.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>Gets <c>--url</c>: the app's address (default: <c>AGENTFN_URL</c>, else <see cref="DefaultUrl"/>).</summary>
    public static Option<string> Url { get; } = new("--url")
    {
        Description = "The app's address (default: $AGENTFN_URL, else " + DefaultUrl + ").",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("AGENTFN_URL") is { Length: > 0 } url ? url : DefaultUrl,
    };

    /// <summary>Gets <c>--key</c>: the API key sent as <c>x-api-key</c> (default: <c>AGENTFN_API_KEY</c>).</summary>
    public static Option<string?> Key { get; } = new("--key")
    {
        Description = "API key, sent as x-api-key (default: $AGENTFN_API_KEY).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("AGENTFN_API_KEY"),
    };

    /// <summary>Gets <c>--json</c>: one JSON document on stdout, no colours, no progress.</summary>
    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Machine output: one JSON document on stdout, no colours or progress.",
        Recursive = true,
    };

    /// <summary>Adds the global options to the root command.</summary>
    /// <param name="root">The root command.</param>
    public static void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.Add(Url);
        root.Options.Add(Key);
        root.Options.Add(Json);
    }
}
