using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentFunctions.Core.Orchestration.Messages;

/// <summary>
/// Serializes queue messages as JSON (snake-free camelCase, <c>schemaVersion</c> 1) and validates what it reads, so a
/// malformed message fails with a reason naming the field. (Base64 on the wire is the queue client's job.)
/// </summary>
public static class MessageCodec
{
    /// <summary>Gets the JSON options used for every message.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Serializes a message.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="message">The message.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize<T>(T message) => JsonSerializer.Serialize(message, Options);

    /// <summary>Reads an orchestrator message.</summary>
    /// <param name="text">The message text.</param>
    /// <returns>The message.</returns>
    /// <exception cref="MalformedMessageException">The text is not a valid orchestrator message.</exception>
    public static OrchestratorMessage ReadOrchestrator(string text)
    {
        var message = Deserialize<OrchestratorMessage>(text);
        CheckVersion(message.SchemaVersion);
        Require(message.RunId, "runId");
        switch (message.Kind)
        {
            case MessageKinds.RunStart:
                if (message.Run is null || message.Run.RunId != message.RunId || string.IsNullOrEmpty(message.Run.GraphYaml))
                {
                    throw new MalformedMessageException("run.start needs 'run' with the same runId and a graphYaml.");
                }

                break;
            case MessageKinds.NodeCompleted:
                if (message.Result is null || string.IsNullOrEmpty(message.Result.NodeId) || message.Result.Attempt < 1 || message.Result.Iteration < 1)
                {
                    throw new MalformedMessageException("node.completed needs 'result' with a nodeId, an attempt ≥ 1 and (if given) an iteration ≥ 1.");
                }

                break;
            case MessageKinds.RunCancel:
                break;
            case MessageKinds.ApprovalDecided:
                if (message.Approval is null || string.IsNullOrEmpty(message.Approval.NodeId))
                {
                    throw new MalformedMessageException("approval.decided needs 'approval' with a nodeId.");
                }

                break;
            default:
                throw new MalformedMessageException($"Unknown kind '{message.Kind}' on the orchestrator queue (expected {MessageKinds.RunStart}, {MessageKinds.NodeCompleted}, {MessageKinds.ApprovalDecided} or {MessageKinds.RunCancel}).");
        }

        return message;
    }

    /// <summary>Reads a work-item message.</summary>
    /// <param name="text">The message text.</param>
    /// <returns>The message.</returns>
    /// <exception cref="MalformedMessageException">The text is not a valid work item.</exception>
    public static WorkItemMessage ReadWorkItem(string text)
    {
        var message = Deserialize<WorkItemMessage>(text);
        CheckVersion(message.SchemaVersion);
        if (message.Kind != MessageKinds.NodeExecute)
        {
            throw new MalformedMessageException($"Unknown kind '{message.Kind}' on the work-item queue (expected {MessageKinds.NodeExecute}).");
        }

        Require(message.RunId, "runId");
        Require(message.NodeId, "nodeId");
        if (message.Attempt < 1)
        {
            throw new MalformedMessageException("'attempt' must be 1 or more.");
        }

        if (message.Iteration < 1)
        {
            throw new MalformedMessageException("'iteration' must be 1 or more (or absent, which means 1).");
        }

        return message;
    }

    /// <summary>Reads a run request (the <c>POST /api/runs</c> body, also accepted on the run-requests queue).</summary>
    /// <param name="text">The message text.</param>
    /// <returns>The request.</returns>
    /// <exception cref="MalformedMessageException">The text is not a JSON run request.</exception>
    public static RunRequest ReadRunRequest(string text) => Deserialize<RunRequest>(text);

    private static T Deserialize<T>(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new MalformedMessageException("The message is empty.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, Options)
                ?? throw new MalformedMessageException("The message is JSON null.");
        }
        catch (JsonException ex)
        {
            var where = ex.Path is null ? string.Empty : $" at '{ex.Path}'";
            throw new MalformedMessageException($"The message is not valid {typeof(T).Name} JSON{where}: {ex.Message}", ex);
        }
    }

    private static void CheckVersion(int version)
    {
        if (version != MessageKinds.SchemaVersion)
        {
            throw new MalformedMessageException($"Unsupported schemaVersion {version} (this build reads {MessageKinds.SchemaVersion}).");
        }
    }

    private static void Require(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new MalformedMessageException($"'{field}' is required.");
        }
    }
}
