using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace AgentFunctions.Hosting;

/// <summary>
/// The data converter of orchestration inputs, outputs and activity payloads in the standalone host: System.Text.Json with
/// case-insensitive property names and without fields — what Durable Functions isolated uses (the worker's serializer), so
/// payloads written by either host read the same.
/// </summary>
public static class DurableJson
{
    /// <summary>Gets the converter.</summary>
    public static DataConverter Converter { get; } = new JsonDataConverter(new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
}
