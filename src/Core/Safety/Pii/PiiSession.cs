using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AgentFunctions.Core.Safety.Pii;

/// <summary>
/// PII handling of one node attempt's model calls under its domain's policy: before every model turn the conversation's text,
/// tool results and tool-call arguments are scanned by <see cref="PiiDetector"/>; under <see cref="PiiPolicy.Redact"/> each value is
/// replaced by its run-wide token from the <see cref="IPiiTokenVault"/> and the answer's tokens are replaced back, so tools and
/// the next node see real values while the provider sees tokens; under <see cref="PiiPolicy.Block"/> a turn with PII is refused.
/// Counts the distinct values of each kind (never the values) for <c>details.pii</c>.
/// </summary>
/// <param name="runId">The run (its token map).</param>
/// <param name="domain">The skill's domain, for messages.</param>
/// <param name="policy">The domain's policy.</param>
/// <param name="names">Personal names from the node's <c>pii_name_fields</c> inputs.</param>
/// <param name="vault">The run's token maps.</param>
public sealed class PiiSession(string runId, string domain, PiiPolicy policy, IReadOnlyCollection<string> names, IPiiTokenVault vault)
{
    private readonly Dictionary<PiiKind, HashSet<string>> _seen = [];
    private PiiTokenMap _map = new();

    /// <summary>Gets the policy.</summary>
    public PiiPolicy Policy { get; } = policy;

    /// <summary>Gets the distinct values found so far, by kind.</summary>
    public IReadOnlyDictionary<PiiKind, int> Counts => _seen.ToDictionary(kv => kv.Key, kv => kv.Value.Count);

    /// <summary>Finds the PII in messages without changing anything (the check before the first model call under block).</summary>
    /// <param name="messages">The messages.</param>
    /// <returns>The kinds found and how many distinct values of each.</returns>
    public IReadOnlyDictionary<PiiKind, int> Scan(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return Find(messages).GroupBy(m => m.Kind).ToDictionary(g => g.Key, g => g.Select(m => m.Value).Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>Describes counts for a message: <c>1 card, 2 email</c>.</summary>
    /// <param name="counts">Counts by kind.</param>
    /// <returns>The text.</returns>
    public static string Describe(IReadOnlyDictionary<PiiKind, int> counts) =>
        string.Join(", ", counts.OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal).Select(kv => $"{kv.Value} {kv.Key.ToString().ToLowerInvariant()}"));

    /// <summary>Gets the refusal of a prompt with PII under block.</summary>
    /// <param name="counts">What was found.</param>
    /// <param name="where">Where (<c>the prompt</c>, <c>a tool result</c>).</param>
    /// <returns>The message, naming kinds and counts only.</returns>
    public string BlockedMessage(IReadOnlyDictionary<PiiKind, int> counts, string where) =>
        $"PII: {where} holds {Describe(counts)}; domain '{domain}' has security.pii: block, so the model was not called.";

    /// <summary>Redacts a conversation for one model turn (the caller's messages are not changed).</summary>
    /// <param name="messages">The conversation as the tool loop holds it, with real values.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Copies of the messages with tokens in place of values.</returns>
    /// <exception cref="PiiBlockedException">The policy is block and the conversation holds PII.</exception>
    public async Task<List<ChatMessage>> RedactAsync(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var found = Find(list);
        if (found.Count == 0)
        {
            return [.. list];
        }

        if (Policy == PiiPolicy.Block)
        {
            throw new PiiBlockedException(BlockedMessage(Scan(list), "a tool result"));
        }

        foreach (var match in found)
        {
            (_seen.TryGetValue(match.Kind, out var set) ? set : _seen[match.Kind] = new HashSet<string>(StringComparer.Ordinal)).Add(match.Value);
        }

        if (found.Any(m => !_map.Contains(m.Kind, m.Value)))
        {
            _map = await vault.AddAsync(runId, [.. found.Select(m => (m.Kind, m.Value)).Distinct()], cancellationToken);
        }

        return [.. list.Select(Copy)];
    }

    /// <summary>Puts the real values back into a model's answer, in place: its text and the arguments of its tool calls.</summary>
    /// <param name="response">The provider's answer.</param>
    public void Restore(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (var message in response.Messages)
        {
            for (var i = 0; i < message.Contents.Count; i++)
            {
                switch (message.Contents[i])
                {
                    case TextContent text:
                        text.Text = _map.Restore(text.Text);
                        break;
                    case FunctionCallContent call when call.Arguments is { } arguments:
                        foreach (var key in arguments.Keys.ToList())
                        {
                            arguments[key] = Map(arguments[key], _map.Restore);
                        }

                        break;
                }
            }
        }
    }

    /// <summary>Writes <c>details.pii</c>: <c>{ "policy": "redact", "redacted": { "email": 1, … } }</c>.</summary>
    /// <returns>The details, or null when nothing was found.</returns>
    public JsonObject? ToDetails() => _seen.Count == 0
        ? null
        : new JsonObject
        {
            ["policy"] = Policy.ToString().ToLowerInvariant(),
            ["redacted"] = new JsonObject([.. Counts.OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal)
                .Select(kv => KeyValuePair.Create(kv.Key.ToString().ToLowerInvariant(), (JsonNode?)kv.Value))]),
        };

    private List<PiiMatch> Find(IEnumerable<ChatMessage> messages) =>
        [.. messages.SelectMany(m => m.Contents).SelectMany(Texts).SelectMany(t => PiiDetector.Find(t, names))];

    private static IEnumerable<string> Texts(AIContent content) => content switch
    {
        TextContent t => [t.Text],
        FunctionResultContent r => [Models.ToolCalling.ToolCallGuard.Text(r.Result)],
        FunctionCallContent { Arguments: { } a } => a.Values.Select(v => v switch { string s => s, null => string.Empty, _ => JsonSerializer.Serialize(v, AIJsonUtilities.DefaultOptions) }),
        _ => [],
    };

    private ChatMessage Copy(ChatMessage message)
    {
        var copy = message.Clone();
        copy.Contents = [.. message.Contents.Select(c => c switch
        {
            TextContent t => new TextContent(Redact(t.Text)) { AdditionalProperties = t.AdditionalProperties },
            FunctionResultContent r => new FunctionResultContent(r.CallId, Redact(Models.ToolCalling.ToolCallGuard.Text(r.Result))),
            FunctionCallContent { Arguments: { } a } f => new FunctionCallContent(f.CallId, f.Name, a.ToDictionary(kv => kv.Key, kv => Map(kv.Value, Redact))),
            _ => c,
        })];
        return copy;
    }

    private string Redact(string text) => _map.Redact(text, PiiDetector.Find(text, names));

    // A tool-call argument is a string, a JsonElement or another value: strings and JSON strings are rewritten.
    private static object? Map(object? value, Func<string, string> rewrite) => value switch
    {
        string s => rewrite(s),
        JsonElement { ValueKind: JsonValueKind.String } e => JsonSerializer.SerializeToElement(rewrite(e.GetString()!)),
        JsonElement e when e.ValueKind is JsonValueKind.Object or JsonValueKind.Array => JsonDocument.Parse(rewrite(e.GetRawText())).RootElement.Clone(),
        JsonNode n => JsonNode.Parse(rewrite(n.ToJsonString())),
        _ => value,
    };
}
