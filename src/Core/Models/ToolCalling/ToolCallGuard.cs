using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Models.Pipeline;
using Microsoft.Extensions.AI;

namespace AgentFunctions.Core.Models.ToolCalling;

/// <summary>
/// The <see cref="FunctionInvokingChatClient.FunctionInvoker"/> of every provider pipeline: checks each tool call before it runs and
/// records it in the attempt's <see cref="ToolSession"/>. A call is refused — not run, the model receiving the reason as the
/// call's result — when the node's <see cref="ToolSession.MaxToolCalls"/> is used up (a second call over the limit also ends the
/// tool loop), when its arguments do not match the tool's parameter schema, or when the budget no longer covers the next model
/// turn (the loop ends and the call fails with the budget's reason). A call that runs is bounded by
/// <see cref="ToolSession.CallTimeout"/>; its result (or the error it threw) goes back to the model, spotlighted as untrusted data and
/// scanned for prompt injection first (a flagged result under the domain's <c>block</c> or <c>approve</c> is withheld and ends the call). Calls outside a router
/// attempt with tools run unchecked.
/// </summary>
internal static class ToolCallGuard
{
    /// <summary>Runs or refuses one tool call.</summary>
    /// <param name="context">The call, from <see cref="FunctionInvokingChatClient"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result the model receives.</returns>
    public static async ValueTask<object?> InvokeAsync(FunctionInvocationContext context, CancellationToken cancellationToken)
    {
        if (ModelCallScope.Current is not { Request.Tools: { } session } scope)
        {
            return await context.Function.InvokeAsync(context.Arguments, cancellationToken);
        }

        var call = context.CallContent;
        var arguments = ArgumentsOf(call);
        session.Tools.TryGetValue(call.Name, out var tool);
        if (!session.TryStart())
        {
            context.Terminate = session.OverLimit > 1;
            return Refuse(session, call, arguments, tool, $"refused: this node may make at most {session.MaxToolCalls} tool calls and has made them; answer with what you have");
        }

        if (tool?.Schema?.Validate(arguments) is { Count: > 0 } errors)
        {
            return Refuse(session, call, arguments, tool, $"refused: the arguments do not match the parameters of {call.Name}: {string.Join("; ", errors)}");
        }

        if (scope.CheckNextTurn(TurnGateChatClient.ConversationTokens(context.Messages, scope.Candidate.ProviderModel)) is { } refusal)
        {
            context.Terminate = true;
            scope.Stopped = $"{refusal} (checked before running tool call {call.Name})";
            return Refuse(session, call, arguments, tool, $"refused: {refusal}");
        }

        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(session.CallTimeout);
        try
        {
            var result = await context.Function.InvokeAsync(context.Arguments, timeout.Token);
            var text = Text(result);
            session.Add(Record(call, arguments, "ok", null, text, Stopwatch.GetElapsedTime(started), tool));
            return Untrusted(context, scope, session, call.Name, text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = $"timed out after {session.CallTimeout.TotalMilliseconds:0} ms";
            session.Add(Record(call, arguments, "timeout", reason, string.Empty, Stopwatch.GetElapsedTime(started), tool));
            return $"Error: {call.Name} {reason}.";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            session.Add(Record(call, arguments, "error", ex.Message, string.Empty, Stopwatch.GetElapsedTime(started), tool));
            return $"Error: {call.Name} failed: {ex.Message}";
        }
    }

    // A tool's result is untrusted data: scanned for prompt injection and spotlighted. Under block or approve a flagged result is
    // withheld and the tool loop ends; the call fails with the finding (a human cannot approve in the middle of a model call).
    private static string Untrusted(FunctionInvocationContext context, ModelCallScope scope, ToolSession session, string name, string text)
    {
        var findings = Safety.Injection.InjectionDetector.Scan($"tool:{name}", text);
        if (findings.Count == 0)
        {
            return Safety.Injection.Spotlight.Fence($"tool:{name}", text);
        }

        session.AddFindings(findings);
        if (session.InjectionPolicy == Safety.InjectionPolicy.Warn)
        {
            return Safety.Injection.Spotlight.Fence($"tool:{name}", text);
        }

        context.Terminate = true;
        scope.StoppedOutcome = ModelAttemptOutcome.RefusedByPolicy;
        scope.Stopped = $"Prompt injection: the result of tool call {name} matched {string.Join(", ", findings.Select(f => f.Rule))}; " +
            $"the domain's security.prompt_injection is {session.InjectionPolicy.ToString().ToLowerInvariant()}, so the result was withheld from the model and the node stopped";
        return "refused: this tool result was withheld because it looks like a prompt injection";
    }

    /// <summary>Records the calls of a conversation the guard never saw — calls of tools the node does not have, which
    /// <see cref="FunctionInvokingChatClient"/> answers with "not found" without invoking anything.</summary>
    /// <param name="session">The session.</param>
    /// <param name="messages">The conversation the call returned.</param>
    public static void RecordUnknownCalls(ToolSession session, IEnumerable<ChatMessage> messages)
    {
        foreach (var call in messages.SelectMany(m => m.Contents.OfType<FunctionCallContent>()))
        {
            if (!session.Has(call.CallId) && !session.Tools.ContainsKey(call.Name))
            {
                session.Add(new ToolCallRecord(call.CallId, call.Name, ArgumentsOf(call), "refused",
                    $"refused: '{call.Name}' is not a tool this node may use (allowed: {string.Join(", ", session.Tools.Keys.Order(StringComparer.Ordinal))})",
                    string.Empty, 0, 0, null));
            }
        }
    }

    private static string Refuse(ToolSession session, FunctionCallContent call, JsonObject arguments, NodeTool? tool, string reason)
    {
        session.Add(new ToolCallRecord(call.CallId, call.Name, arguments, "refused", reason, reason, reason.Length, 0, tool?.Source));
        return reason;
    }

    private static ToolCallRecord Record(FunctionCallContent call, JsonObject arguments, string outcome, string? reason, string text, TimeSpan elapsed, NodeTool? tool) =>
        new(call.CallId, call.Name, arguments, outcome, reason,
            text.Length > ToolSession.MaxRecordedResultChars ? text[..ToolSession.MaxRecordedResultChars] : text,
            text.Length, (long)elapsed.TotalMilliseconds, tool?.Source);

    private static JsonObject ArgumentsOf(FunctionCallContent call) =>
        call.Arguments is null ? [] : JsonSerializer.SerializeToNode(call.Arguments, AIJsonUtilities.DefaultOptions) as JsonObject ?? [];

    /// <summary>The text of a tool's result as the model will see it.</summary>
    internal static string Text(object? result) => result switch
    {
        null => string.Empty,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? string.Empty,
        JsonElement e => e.GetRawText(),
        JsonNode n => n.ToJsonString(),
        _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions),
    };
}
