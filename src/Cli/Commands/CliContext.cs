using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Api;
using Spectre.Console;

namespace AgentFunctions.Cli.Commands;

/// <summary>What a command works with: the API client, the output streams, whether output is a terminal, and <c>--json</c>.</summary>
public sealed class CliContext : IDisposable
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    private CliContext(ApiClient api, bool json, bool isTerminal)
    {
        Api = api;
        Json = json;
        IsTerminal = isTerminal;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        Out = isTerminal ? new AnsiTextWriter(Ansi) : Console.Out;
    }

    /// <summary>Gets the API client (address and key from <c>--url</c> and <c>--key</c>).</summary>
    public ApiClient Api { get; }

    /// <summary>Gets whether <c>--json</c> was given: one JSON document on stdout, nothing else.</summary>
    public bool Json { get; }

    /// <summary>Gets whether stdout is an interactive terminal (not redirected, not <c>--json</c>): live displays are shown only then.</summary>
    public bool IsTerminal { get; }

    /// <summary>Gets the Spectre.Console console on stdout (no colours or cursor moves unless <see cref="IsTerminal"/>).</summary>
    public IAnsiConsole Ansi { get; }

    /// <summary>Gets the writer for human-readable lines on stdout (through <see cref="Ansi"/> on a terminal).</summary>
    public TextWriter Out { get; }

    /// <summary>Gets stderr, where errors go.</summary>
    public static TextWriter Error => Console.Error;

    /// <summary>Creates the context of a parsed command line.</summary>
    /// <param name="parse">The parse result.</param>
    /// <returns>The context.</returns>
    /// <exception cref="UsageException"><c>--url</c> is not an absolute http(s) address.</exception>
    public static CliContext From(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var url = parse.GetValue(CliOptions.Url) ?? CliOptions.DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--url '{url}' is not an http:// or https:// address.");
        }

        var json = parse.GetValue(CliOptions.Json);
        var terminal = !json && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";
        return new CliContext(new ApiClient(address, parse.GetValue(CliOptions.Key)), json, terminal);
    }

    /// <summary>Writes one JSON document on stdout.</summary>
    /// <param name="document">The document.</param>
    /// <returns>A task that completes when written.</returns>
    public static async Task WriteJsonAsync(JsonNode? document) =>
        await Console.Out.WriteLineAsync((document ?? new JsonObject()).ToJsonString(s_indented));

    /// <inheritdoc/>
    public void Dispose()
    {
        Api.Dispose();
        Out.Flush();
    }
}
