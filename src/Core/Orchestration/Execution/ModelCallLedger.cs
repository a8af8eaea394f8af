using System.Text.Json.Nodes;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Models.ToolCalling;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <summary>
/// Sums the model calls one node attempt makes (a routing classification, the skill call, an output repair): tokens,
/// cost in USD and every attempt, and remembers which model answered last. The budget gate uses <see cref="CostUsd"/> so
/// the calls together stay within the node's reservation.
/// </summary>
internal sealed class ModelCallLedger
{
    private readonly JsonArray _attempts = [];

    public long InputTokens { get; private set; }

    public long OutputTokens { get; private set; }

    public decimal CostUsd { get; private set; }

    public string? Model { get; private set; }

    public string? Provider { get; private set; }

    public bool Recorded { get; private set; }

    public bool Cached { get; private set; }

    public string? Reason { get; private set; }

    public int Calls { get; private set; }

    public int Turns { get; private set; }

    public List<ToolCallRecord> ToolCalls { get; } = [];

    public void Add(ModelCallResult result, string purpose)
    {
        Turns += result.Turns.Count;
        ToolCalls.AddRange(result.ToolCalls);
        InputTokens += result.InputTokens;
        OutputTokens += result.OutputTokens;
        CostUsd += result.CostUsd;
        (Model, Provider, Recorded, Cached, Reason) = (result.Model, result.Provider, result.Recorded, result.Cached, result.Reason);
        Calls++;
        AddAttempts(ModelAttempts.ToJson(result.Attempts), purpose);
    }

    /// <summary>Records a call that failed: its attempts, and the turns it was answered (and paid for) before it failed.</summary>
    public void AddFailed(ModelCallFailedException failure, string purpose)
    {
        InputTokens += failure.Turns.Sum(t => t.InputTokens);
        OutputTokens += failure.Turns.Sum(t => t.OutputTokens);
        CostUsd += failure.CostUsd;
        Turns += failure.Turns.Count;
        ToolCalls.AddRange(failure.ToolCalls);
        AddAttempts(ModelAttempts.ToJson(failure.Attempts), purpose);
    }

    /// <summary>Records an answer reused from the parent run of a recorded replay: no call, no cost.</summary>
    public void AddReplayed(string? model, string parentRunId, string purpose)
    {
        (Model, Provider, Recorded, Reason) = (model, "replay", true, $"recorded replay: the answer {parentRunId} received for the same request");
        Calls++;
        _attempts.Add(new JsonObject { ["model"] = model, ["provider"] = "replay", ["outcome"] = "replayed", ["purpose"] = purpose, ["duration_ms"] = 0 });
    }

    /// <summary>Writes the ledger into the node's details.</summary>
    public void WriteTo(JsonObject details)
    {
        details["attempts"] = _attempts.DeepClone();
        details["cached"] = Cached;
        details["model_calls"] = Calls;
        details["model_turns"] = Turns;
        if (ToolCalls.Count > 0)
        {
            details["tool_calls"] = new JsonArray([.. ToolCalls.Select(c => (JsonNode)c.ToJson())]);
        }
        if (Reason is not null)
        {
            details["model_reason"] = Reason;
        }
    }

    private void AddAttempts(JsonArray attempts, string purpose)
    {
        foreach (var attempt in attempts)
        {
            var copy = attempt!.DeepClone().AsObject();
            copy["purpose"] = purpose;
            _attempts.Add(copy);
        }
    }
}
