using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Context;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Skills;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace AgentFunctions.Functions.Mcp;

/// <summary>
/// Runs an MCP tool call as the skill's one-node run, through the same Core path as <c>POST /api/skills/{domain}/{skill}/execute</c>
/// (<see cref="SkillExecutionService"/>: the <c>input_schema</c> check, learned rules, the domain and per-execution budgets,
/// recorded responses when no live model is configured), waits for it (at most <see cref="MaxWait"/>), and maps the run to
/// a tool result: the node's output as JSON text and <c>structuredContent</c>; <c>isError: true</c> with the reason when the
/// input is invalid, the prompt does not fit, a budget refuses the call (or holds it for approval), no recording matches, or the
/// run does not end in time.
/// The result's <c>_meta["agentfunctions.dev/run"]</c> is <c>{runId, node, status, model, provider, recorded, tokens:{input,output},
/// costUsd, durationMs, links:{run, events}}</c>. Empty arguments run on the skill's <c>fixtures/sample_input.json</c>, as the
/// execute endpoint does.
/// </summary>
/// <param name="tools">The catalog → tools mapping.</param>
/// <param name="execution">Starts one-node skill runs.</param>
/// <param name="runs">Reads the run.</param>
/// <param name="logger">The logger.</param>
public sealed partial class SkillToolCalls(SkillTools tools, SkillExecutionService execution, RunService runs, ILogger<SkillToolCalls> logger)
{
    /// <summary>The longest a call waits for its run (120 s, as <c>waitSeconds</c> of the execute endpoint at most).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(120);

    /// <summary>Executes one <c>tools/call</c>.</summary>
    /// <param name="caller">The caller (domain and Durable Task client).</param>
    /// <param name="request">The call: tool name and arguments.</param>
    /// <param name="cancellationToken">Cancels waiting (the run goes on).</param>
    /// <returns>The tool result; a failed execution is a result with <c>isError: true</c>.</returns>
    /// <exception cref="McpProtocolException">The domain has no tool of that name (JSON-RPC <c>-32602</c>, as MCP specifies for unknown tools).</exception>
    public async Task<CallToolResult> CallAsync(McpCaller caller, CallToolRequestParams request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var skill = tools.Find(caller.Domain, request.Name)
            ?? throw new McpProtocolException($"Unknown tool '{request.Name}': the {caller.Domain} domain has no such skill.", McpErrorCode.InvalidParams);
        var input = new JsonObject();
        foreach (var (name, value) in request.Arguments ?? new Dictionary<string, JsonElement>())
        {
            input[name] = JsonSerializer.SerializeToNode(value);
        }

        LogCall(logger, caller.Domain, skill.Id, input.Count);
        CreateRunOutcome outcome;
        try
        {
            outcome = await execution.StartAsync(skill, input, null, caller.Client, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            return Failed(skill, $"The arguments are invalid: {ex.Message}", null);
        }
        catch (ContextBudgetExceededException ex)
        {
            return Failed(skill, $"The prompt does not fit the context budget: {ex.Message}", null);
        }

        if (outcome is RunRequestInvalid invalid)
        {
            return Failed(skill, $"{invalid.Title} {string.Join("; ", invalid.Errors.Select(e => e.ToString()))}", null);
        }

        switch (outcome)
        {
            case RunInputTooLarge big:
                return Failed(skill, $"The arguments are {big.Bytes:N0} bytes; the limit is {big.Limit:N0} bytes (Limits:MaxInputBytes).", null);
            case DomainRunCapReached full:
                return Failed(skill, Http.RunLimitProblems.CapMessage(full), null);
        }

        var runId = ((RunAccepted)outcome).RunId;
        var run = await runs.WaitAsync(runId, MaxWait, stopWhenAwaitingApproval: true, cancellationToken);
        var node = run?.Nodes.SingleOrDefault(n => n.Id == SkillExecutionService.NodeIdOf(skill));
        if (run?.Status == "awaiting_approval")
        {
            var reasons = string.Join("; ", run.PendingApprovals.Select(a => $"{a.Node}: {a.Reason}"));
            return Failed(skill, $"Run {runId} of {skill.Id} waits for approval ({reasons}); approve it at /api/runs/{runId}/approvals.", Meta(runId, run.Status, node));
        }

        if (run is null || node is null || run.Status is not ("succeeded" or "failed" or "cancelled"))
        {
            return Failed(skill, $"Run {runId} of {skill.Id} has not ended after {MaxWait.TotalSeconds:0} s; follow it at /api/runs/{runId}.", Meta(runId, run?.Status ?? "pending", node));
        }

        if (run.Status == "succeeded" && node.Output is JsonObject output)
        {
            LogResult(logger, skill.Id, runId, run.Status, node.CostUsd);
            return new CallToolResult
            {
                Content = [new TextContentBlock { Text = output.ToJsonString() }],
                StructuredContent = JsonSerializer.SerializeToElement(output),
                Meta = Meta(runId, run.Status, node),
            };
        }

        return Failed(skill, node.Error ?? run.Error ?? $"Run {runId} of {skill.Id} ended {run.Status}.", Meta(runId, run.Status, node));
    }

    private CallToolResult Failed(SkillDefinition skill, string message, JsonObject? meta)
    {
        LogFailed(logger, skill.Id, message);
        return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = message }], Meta = meta };
    }

    private static JsonObject Meta(string runId, string status, NodeView? node) => new()
    {
        [SkillTools.MetaPrefix + "run"] = new JsonObject
        {
            ["runId"] = runId,
            ["node"] = node?.Id,
            ["status"] = status,
            ["model"] = node?.Model,
            ["provider"] = node?.Provider,
            ["recorded"] = node?.Recorded,
            ["tokens"] = node is null ? null : new JsonObject { ["input"] = node.Tokens.Input, ["output"] = node.Tokens.Output },
            ["costUsd"] = node?.CostUsd,
            ["durationMs"] = node?.DurationMs,
            ["links"] = new JsonObject { ["run"] = $"/api/runs/{runId}", ["events"] = $"/api/runs/{runId}/events" },
        },
    };

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "MCP call of {SkillId} from domain {Domain} with {ArgumentCount} argument(s)")]
    private static partial void LogCall(ILogger logger, string domain, string skillId, int argumentCount);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "MCP call of {SkillId}: run {RunId} {Status}, {CostUsd} USD")]
    private static partial void LogResult(ILogger logger, string skillId, string runId, string status, decimal costUsd);

    [LoggerMessage(EventId = 702, Level = LogLevel.Information, Message = "MCP call of {SkillId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string skillId, string reason);
}
