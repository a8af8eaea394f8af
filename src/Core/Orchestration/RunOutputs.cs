using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// What expressions and conditions read as <c>nodes.id.output</c> during a run: for every node of the graph its
/// <see cref="NodeState.VisibleOutput"/> (the output when it succeeded — for a <c>for_each</c> node the ordered array of its
/// instances' outputs — else the previous iteration's output, else null). A live view over the node states, not a copy.
/// </summary>
internal sealed class RunOutputs(GraphDefinition graph, IReadOnlyDictionary<string, NodeState> nodes) : IReadOnlyDictionary<string, JsonNode?>
{
    private readonly GraphIndex _index = GraphIndex.For(graph);

    public IEnumerable<string> Keys => graph.Nodes.Select(n => n.Id);

    public IEnumerable<JsonNode?> Values => Keys.Select(id => this[id]);

    public int Count => graph.Nodes.Count;

    public JsonNode? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => _index.Nodes.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out JsonNode? value)
    {
        value = null;
        if (!_index.Nodes.ContainsKey(key))
        {
            return false;
        }

        value = nodes.GetValueOrDefault(key)?.VisibleOutput;
        return true;
    }

    public IEnumerator<KeyValuePair<string, JsonNode?>> GetEnumerator() =>
        Keys.Select(id => KeyValuePair.Create(id, this[id])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
