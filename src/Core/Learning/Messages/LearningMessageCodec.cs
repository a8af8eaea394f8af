using System.Text.Json;
using AgentFunctions.Core.Learning.Storage;
using AgentFunctions.Core.Orchestration.Messages;

namespace AgentFunctions.Core.Learning.Messages;

/// <summary>
/// Serializes and validates learning queue messages with the scheduler's conventions (<see cref="MessageCodec.Options"/>:
/// camelCase, nulls omitted, <c>schemaVersion</c> 1, <c>kind</c>); a malformed message throws
/// <see cref="MalformedMessageException"/> naming the field, so it is dead-lettered with that reason.
/// </summary>
public static class LearningMessageCodec
{
    /// <summary>Serializes a message.</summary>
    /// <typeparam name="T"><see cref="CorrectionMessage"/> or <see cref="ValidationMessage"/>.</typeparam>
    /// <param name="message">The message.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize<T>(T message) => MessageCodec.Serialize(message);

    /// <summary>Reads a corrections-queue message.</summary>
    /// <param name="text">The message text.</param>
    /// <returns>The message.</returns>
    /// <exception cref="MalformedMessageException">The text is not a valid corrections-queue message.</exception>
    public static CorrectionMessage ReadCorrection(string text)
    {
        var message = Deserialize<CorrectionMessage>(text);
        CheckVersion(message.SchemaVersion);
        switch (message.Kind)
        {
            case LearningMessageKinds.CorrectionSubmit:
                Require(message.RunId, "runId");
                Require(message.NodeId, "nodeId");
                Require(message.Text, "text");
                break;
            case LearningMessageKinds.CorrectionStored:
                RequireSkill(message.Skill);
                Require(message.CorrectionId, "correctionId");
                break;
            default:
                throw new MalformedMessageException(
                    $"Unknown kind '{message.Kind}' on the corrections queue (expected {LearningMessageKinds.CorrectionSubmit} or {LearningMessageKinds.CorrectionStored}).");
        }

        return message;
    }

    /// <summary>Reads a validations-queue message.</summary>
    /// <param name="text">The message text.</param>
    /// <returns>The message.</returns>
    /// <exception cref="MalformedMessageException">The text is not a valid validations-queue message.</exception>
    public static ValidationMessage ReadValidation(string text)
    {
        var message = Deserialize<ValidationMessage>(text);
        CheckVersion(message.SchemaVersion);
        if (message.Kind != LearningMessageKinds.ValidationRequested)
        {
            throw new MalformedMessageException($"Unknown kind '{message.Kind}' on the validations queue (expected {LearningMessageKinds.ValidationRequested}).");
        }

        RequireSkill(message.Skill);
        Require(message.ValidationId, "validationId");
        return message;
    }

    private static T Deserialize<T>(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new MalformedMessageException("The message is empty.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, MessageCodec.Options) ?? throw new MalformedMessageException("The message is JSON null.");
        }
        catch (JsonException ex)
        {
            var where = ex.Path is null ? string.Empty : $" at '{ex.Path}'";
            throw new MalformedMessageException($"The message is not valid {typeof(T).Name} JSON{where}: {ex.Message}", ex);
        }
    }

    private static void CheckVersion(int version)
    {
        if (version != LearningMessageKinds.SchemaVersion)
        {
            throw new MalformedMessageException($"Unsupported schemaVersion {version} (this build reads {LearningMessageKinds.SchemaVersion}).");
        }
    }

    private static void Require(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new MalformedMessageException($"'{field}' is required.");
        }
    }

    private static void RequireSkill(string? skill)
    {
        Require(skill, "skill");
        try
        {
            KnowledgeKeys.CheckSkillId(skill!);
        }
        catch (ArgumentException)
        {
            throw new MalformedMessageException($"'skill' must be 'domain/skill' (got '{skill}').");
        }
    }
}
