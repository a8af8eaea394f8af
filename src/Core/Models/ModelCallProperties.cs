using Microsoft.Extensions.AI;

namespace AgentFunctions.Core.Models;

/// <summary>
/// Keys our executors put into <see cref="ChatOptions.AdditionalProperties"/> so that providers that need them
/// (the recorded provider) know which skill and which input a call is for. Live providers ignore them.
/// </summary>
public static class ModelCallProperties
{
    /// <summary>The skill id <c>domain/skill</c> (string).</summary>
    public const string SkillId = "agentfunctions.skill";

    /// <summary>The input key (string, see <c>PromptAssembler.InputKey</c>).</summary>
    public const string InputKey = "agentfunctions.input_key";

    /// <summary>The model id <c>provider/model</c> the call is for (string); recordings store it.</summary>
    public const string ModelId = "agentfunctions.model";

    /// <summary>Set by the recorded provider on its responses: true when the answer was replayed from a recording (bool).</summary>
    public const string Recorded = "agentfunctions.recorded";

    /// <summary>Set by the recorded provider: where the recording came from (string).</summary>
    public const string RecordingSource = "agentfunctions.recording_source";

    /// <summary>The response cache's scope (string): run, node, attempt and purpose; a call without one bypasses the cache.</summary>
    public const string CacheScope = "agentfunctions.cache_scope";

    /// <summary>Set by the response cache on a response it answered (bool).</summary>
    public const string Cached = "agentfunctions.cached";

    /// <summary>Reads a string property of the options.</summary>
    /// <param name="options">The options, or null.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null.</returns>
    public static string? Get(ChatOptions? options, string key) =>
        options?.AdditionalProperties is { } props && props.TryGetValue(key, out var value) ? value as string : null;
}
