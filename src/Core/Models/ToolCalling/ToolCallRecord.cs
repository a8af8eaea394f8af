using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Models.ToolCalling;

/// <summary>One tool call a model asked for during a node's model call, as recorded in the node's details (<c>tool_calls</c>)
/// and as a <c>tool_called</c> event.</summary>
/// <param name="CallId">The provider's id of the call (pairs the call with its result in the conversation).</param>
/// <param name="Name">The tool's name as the model saw it (<c>read_file</c>, <c>docs_search</c> for an MCP tool).</param>
/// <param name="Arguments">The arguments the model sent (a JSON object).</param>
/// <param name="Outcome"><c>ok</c>, <c>error</c> (the tool ran and failed), <c>refused</c> (not run: not allowed, arguments invalid,
/// over the node's limit, or the budget no longer covers the next model turn) or <c>timeout</c>.</param>
/// <param name="Reason">Why it was refused or failed; null for <c>ok</c>.</param>
/// <param name="Result">The result text the model received, cut at <see cref="ToolSession.MaxRecordedResultChars"/> characters.</param>
/// <param name="ResultChars">The full length of the result text, in characters.</param>
/// <param name="DurationMs">How long the tool ran, in milliseconds (0 when refused).</param>
/// <param name="Source"><c>project</c> or <c>mcp:&lt;server&gt;</c>; null for a tool the node does not have.</param>
public sealed record ToolCallRecord(
    string CallId,
    string Name,
    JsonObject Arguments,
    string Outcome,
    string? Reason,
    string Result,
    int ResultChars,
    long DurationMs,
    string? Source)
{
    /// <summary>Gets this record as the JSON object stored in the node's details.</summary>
    /// <returns><c>{call_id, name, arguments, outcome, reason, result, result_chars, duration_ms, source}</c>.</returns>
    public JsonObject ToJson() => new()
    {
        ["call_id"] = CallId,
        ["name"] = Name,
        ["arguments"] = Arguments.DeepClone(),
        ["outcome"] = Outcome,
        ["reason"] = Reason,
        ["result"] = Result,
        ["result_chars"] = ResultChars,
        ["duration_ms"] = DurationMs,
        ["source"] = Source,
    };
}
