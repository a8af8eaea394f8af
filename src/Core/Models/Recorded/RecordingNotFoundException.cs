namespace AgentFunctions.Core.Models.Recorded;

/// <summary>Thrown by the recorded provider when no stored response matches a call's skill and input.</summary>
public sealed class RecordingNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="skillId">The skill id, or null when the call named none.</param>
    /// <param name="inputKey">The input key looked up, or null.</param>
    /// <param name="file">The recordings file that was searched.</param>
    public RecordingNotFoundException(string? skillId, string? inputKey, string file)
        : base(
            $"No recorded response for skill '{skillId ?? "(none)"}' with this input (input key {inputKey ?? "(none)"}) in '{file}'. " +
            "Configure a live model (set Models__OpenAI__ApiKey, and Models__OpenAI__Endpoint for a non-OpenAI server, or Models__Anthropic__ApiKey; see README 'Providers and routing'), " +
            "or record responses with Models__Recorded__Mode=Record and a live model.")
    {
        SkillId = skillId;
        InputKey = inputKey;
    }

    /// <summary>Gets the skill id of the call.</summary>
    public string? SkillId { get; }

    /// <summary>Gets the input key of the call.</summary>
    public string? InputKey { get; }
}
