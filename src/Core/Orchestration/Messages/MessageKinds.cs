namespace AgentFunctions.Core.Orchestration.Messages;

/// <summary>The <c>kind</c> values of queue messages (all messages carry <c>schemaVersion</c> 1).</summary>
public static class MessageKinds
{
    /// <summary>Orchestrator queue: start a run (creates its header if the API crashed before writing it).</summary>
    public const string RunStart = "run.start";

    /// <summary>Orchestrator queue: a node attempt finished.</summary>
    public const string NodeCompleted = "node.completed";

    /// <summary>Orchestrator queue: a human approved or rejected a node waiting for budget approval.</summary>
    public const string ApprovalDecided = "approval.decided";

    /// <summary>Orchestrator queue: cancel a run.</summary>
    public const string RunCancel = "run.cancel";

    /// <summary>Work-item queue: execute one attempt of one node.</summary>
    public const string NodeExecute = "node.execute";

    /// <summary>The only schema version this build reads and writes.</summary>
    public const int SchemaVersion = 1;
}
