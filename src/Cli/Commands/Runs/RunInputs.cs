using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFunctions.Cli.Commands.Runs;

/// <summary>
/// Builds a run's (or a skill's) inputs from the command line: <c>--input-json FILE|-</c> (a JSON object) first, then each
/// <c>--input key=value</c> (a string) or <c>--input key:=JSON</c> (a JSON value), which win over the file.
/// </summary>
public static class RunInputs
{
    /// <summary>Parses the inputs.</summary>
    /// <param name="pairs">The <c>--input</c> values.</param>
    /// <param name="jsonFile">The <c>--input-json</c> file, <c>-</c> for stdin, or null.</param>
    /// <param name="stdin">Where <c>-</c> reads from.</param>
    /// <returns>The inputs, or null when none were given.</returns>
    /// <exception cref="UsageException">A pair has no <c>=</c>, a <c>:=</c> value or the file is not JSON, or the file is not an object.</exception>
    public static JsonObject? Parse(IReadOnlyList<string>? pairs, string? jsonFile, TextReader stdin)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        JsonObject? inputs = null;
        if (jsonFile is not null)
        {
            string text;
            try
            {
                text = jsonFile == "-" ? stdin.ReadToEnd() : File.ReadAllText(jsonFile);
            }
            catch (IOException ex)
            {
                throw new UsageException($"--input-json: cannot read '{jsonFile}': {ex.Message}", ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new UsageException($"--input-json: cannot read '{jsonFile}': {ex.Message}", ex);
            }

            inputs = ParseJson(text, $"--input-json {jsonFile}") as JsonObject
                ?? throw new UsageException($"--input-json {jsonFile}: the file must hold a JSON object ({{\"name\": value, …}}).");
        }

        foreach (var pair in pairs ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--input '{pair}': write key=value (a string) or key:=JSON (a number, true, an object …).");
            }

            inputs ??= [];
            if (pair[equals - 1] == ':' && equals > 1)
            {
                inputs[pair[..(equals - 1)]] = ParseJson(pair[(equals + 1)..], $"--input {pair}");
            }
            else
            {
                inputs[pair[..equals]] = pair[(equals + 1)..];
            }
        }

        return inputs;
    }

    private static JsonNode? ParseJson(string text, string where)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{where}: not valid JSON: {ex.Message}", ex);
        }
    }
}
