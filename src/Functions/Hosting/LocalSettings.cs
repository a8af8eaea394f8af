using System.Text.Json;

namespace AgentFunctions.Functions.Hosting;

/// <summary>
/// Reads the <c>Values</c> of a <c>local.settings.json</c> (the file <c>func start</c> reads) into configuration, so the
/// standalone app runs from the same file. <c>A__B</c> keys become <c>A:B</c>. Lowest precedence: environment variables
/// and command-line arguments override it.
/// </summary>
internal static class LocalSettings
{
    public static void AddTo(ConfigurationManager configuration, string contentRoot)
    {
        var path = Path.Combine(contentRoot, "local.settings.json");
        if (!File.Exists(path))
        {
            return;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var settings = values.EnumerateObject()
            .Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()));
        var source = new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = settings };
        configuration.Sources.Insert(0, source);
    }
}
