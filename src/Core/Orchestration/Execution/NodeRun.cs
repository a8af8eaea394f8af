using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <summary>The state of one skill node attempt while it runs: its details, its model-call ledger, and how to end it.</summary>
internal sealed class NodeRun(NodeExecutionContext context, DateTimeOffset started)
{
    public NodeExecutionContext Context { get; } = context;

    public JsonObject Details { get; } = [];

    public ModelCallLedger Ledger { get; } = new();

    public NodeResult Fail(TimeProvider time, string error, JsonNode? output = null) => End(time, false, output, error);

    public NodeResult Succeed(TimeProvider time, JsonNode output) => End(time, true, output, null);

    private NodeResult End(TimeProvider time, bool succeeded, JsonNode? output, string? error)
    {
        if (Ledger.Calls > 0 || Details.ContainsKey("model_reason"))
        {
            Ledger.WriteTo(Details);
        }

        return new NodeResult(Context.Node.Id, Context.Attempt, succeeded, output, error, started, time.GetUtcNow(),
            Ledger.Model, Ledger.Provider, Ledger.Recorded, Ledger.InputTokens, Ledger.OutputTokens, Ledger.CostUsd, Details);
    }
}
