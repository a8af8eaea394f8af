using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace AgentFunctions.Hosting;

/// <summary>
/// Loads a Functions <c>host.json</c> into configuration under <c>AzureFunctionsJobHost</c>, as the Functions host exposes it,
/// so the standalone host reads the same Durable Task and queue settings (and the same app-setting overrides
/// <c>AzureFunctionsJobHost__extensions__…</c>, added later with higher precedence).
/// </summary>
public static class HostJson
{
    /// <summary>The configuration prefix of host.json settings.</summary>
    public const string Prefix = "AzureFunctionsJobHost";

    /// <summary>Adds the file's settings as the lowest-precedence source; a missing file adds nothing.</summary>
    /// <param name="configuration">The configuration to extend.</param>
    /// <param name="path">The host.json path.</param>
    /// <returns>True when the file was found.</returns>
    /// <exception cref="InvalidOperationException">The file is not valid JSON; the message names it.</exception>
    public static bool AddTo(IConfigurationBuilder configuration, string path)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!File.Exists(path))
        {
            return false;
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            Flatten(document.RootElement, Prefix, values);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{path} is not valid JSON: {ex.Message}", ex);
        }

        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = values });
        return true;
    }

    private static void Flatten(JsonElement element, string key, Dictionary<string, string?> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, $"{key}:{property.Name}", values);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{key}:{i++}", values);
                }

                break;
            case JsonValueKind.String:
                values[key] = element.GetString();
                break;
            case JsonValueKind.Null:
                break;
            default:
                values[key] = element.GetRawText();
                break;
        }
    }
}
