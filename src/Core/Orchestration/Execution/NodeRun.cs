using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <summary>The state of one skill node attempt while it runs: its details, its model-call ledger, and how to end it.</summary>
internal sealed class NodeRun(NodeExecutionContext context, DateTimeOffset started)
{
    public NodeExecutionContext Context { get; } = context;

    public JsonObject Details { get; } = [];

    public ModelCallLedger Ledger { get; } = new();

    /// <summary>Gets or sets the node's resolved input (the PII name fields are read from it).</summary>
    public JsonObject? Input { get; set; }

    /// <summary>Gets the PII sessions of the attempt's model calls, by the called skill's domain.</summary>
    public Dictionary<string, Safety.Pii.PiiSession> Pii { get; } = new(StringComparer.Ordinal);

    public NodeResult Fail(TimeProvider time, string error, JsonNode? output = null) => End(time, false, output, error);

    public NodeResult Succeed(TimeProvider time, JsonNode output) => End(time, true, output, null);

    private NodeResult End(TimeProvider time, bool succeeded, JsonNode? output, string? error)
    {
        if (Ledger.Calls > 0 || Details.ContainsKey("model_reason"))
        {
            Ledger.WriteTo(Details);
        }

        if (Pii.Values.Select(p => p.ToDetails()).OfType<JsonObject>().FirstOrDefault() is { } pii && !Details.ContainsKey("pii"))
        {
            // One domain per node is the rule; with a manager routing across domains, the counts of every domain add up.
            foreach (var other in Pii.Values.Skip(1).Select(p => p.ToDetails()).OfType<JsonObject>())
            {
                foreach (var (kind, count) in other["redacted"]!.AsObject())
                {
                    pii["redacted"]![kind] = (pii["redacted"]![kind]?.GetValue<int>() ?? 0) + count!.GetValue<int>();
                }
            }

            Details["pii"] = pii;
        }

        return new NodeResult(Context.Node.Id, Context.Attempt, succeeded, output, error, started, time.GetUtcNow(),
            Ledger.Model, Ledger.Provider, Ledger.Recorded, Ledger.InputTokens, Ledger.OutputTokens, Ledger.CostUsd, Details);
    }
}
