namespace AgentFunctions.Core.Telemetry;

/// <summary>
/// Span and metric attribute names: OpenTelemetry semantic conventions where one exists (GenAI: <c>gen_ai.*</c>,
/// opentelemetry.io/docs/specs/semconv/gen-ai/; messaging: <c>messaging.*</c>; <c>error.type</c>), ours under
/// <c>agentfunctions.*</c> otherwise.
/// </summary>
public static class TelemetryTags
{
    /// <summary>The run id (also the orchestration instance id).</summary>
    public const string RunId = "agentfunctions.run_id";

    /// <summary>The graph name.</summary>
    public const string Graph = "agentfunctions.graph";

    /// <summary>The node id (a <c>for_each</c> instance such as <c>review[3]</c> included).</summary>
    public const string NodeId = "agentfunctions.node_id";

    /// <summary><c>skill</c> or <c>tool</c>.</summary>
    public const string NodeKind = "agentfunctions.node_kind";

    /// <summary>The attempt, 1-based.</summary>
    public const string Attempt = "agentfunctions.attempt";

    /// <summary>The loop iteration, 1-based.</summary>
    public const string Iteration = "agentfunctions.iteration";

    /// <summary>The domain whose budget a node counts against.</summary>
    public const string Domain = "agentfunctions.domain";

    /// <summary>The tool a tool node runs.</summary>
    public const string Tool = "agentfunctions.tool";

    /// <summary>Cost in USD: of one model turn on a <c>chat</c> span, of a node attempt, of a whole run.</summary>
    public const string CostUsd = "agentfunctions.cost_usd";

    /// <summary>The final status of a run or node (<c>succeeded</c>, <c>failed</c>, …).</summary>
    public const string Status = "agentfunctions.status";

    /// <summary>Who started a run: <c>http</c>, <c>queue</c> or <c>replay</c>.</summary>
    public const string Source = "agentfunctions.source";

    /// <summary>True when the model answer was replayed from a recording.</summary>
    public const string Recorded = "agentfunctions.recorded";

    /// <summary>The model that answered (pool id such as <c>openai/gpt-4o-mini</c>).</summary>
    public const string Model = "agentfunctions.model";

    /// <summary>A budget period: <c>day</c> or <c>month</c>.</summary>
    public const string BudgetPeriod = "agentfunctions.budget.period";

    /// <summary>GenAI: the operation (<c>chat</c>, <c>invoke_agent</c>, <c>execute_tool</c>).</summary>
    public const string GenAiOperationName = "gen_ai.operation.name";

    /// <summary>GenAI: the agent's name (our skill id).</summary>
    public const string GenAiAgentName = "gen_ai.agent.name";

    /// <summary>GenAI: the model requested.</summary>
    public const string GenAiRequestModel = "gen_ai.request.model";

    /// <summary>GenAI: input tokens.</summary>
    public const string GenAiInputTokens = "gen_ai.usage.input_tokens";

    /// <summary>GenAI: output tokens.</summary>
    public const string GenAiOutputTokens = "gen_ai.usage.output_tokens";

    /// <summary>GenAI: the token type of a token metric (<c>input</c> or <c>output</c>).</summary>
    public const string GenAiTokenType = "gen_ai.token.type";

    /// <summary>Messaging: the system (<c>azure_storage_queues</c>).</summary>
    public const string MessagingSystem = "messaging.system";

    /// <summary>Messaging: the queue name.</summary>
    public const string MessagingDestination = "messaging.destination.name";

    /// <summary>Messaging: the operation type (<c>process</c>).</summary>
    public const string MessagingOperationType = "messaging.operation.type";

    /// <summary>Messaging: the message id.</summary>
    public const string MessagingMessageId = "messaging.message.id";

    /// <summary>Messaging: how many times the message was delivered.</summary>
    public const string MessagingDeliveryCount = "messaging.azure_storage_queues.dequeue_count";

    /// <summary>What became of a queue message: <c>completed</c> or <c>dead_lettered</c>.</summary>
    public const string MessageOutcome = "agentfunctions.message.outcome";

    /// <summary>The error class of a failed span (semantic conventions).</summary>
    public const string ErrorType = "error.type";
}
