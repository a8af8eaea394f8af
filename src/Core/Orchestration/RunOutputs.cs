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
internal sealed class RunOutputs : IReadOnlyDictionary<string, JsonNode?>
{
    private readonly GraphDefinition _graph;
    private readonly GraphIndex _index;
    private readonly Func<string, JsonNode?> _output;

    /// <summary>Reads the outputs from the run's node states.</summary>
    public RunOutputs(GraphDefinition graph, IReadOnlyDictionary<string, NodeState> nodes)
        : this(graph, id => nodes.GetValueOrDefault(id)?.VisibleOutput)
    {
    }

    /// <summary>Reads the outputs the orchestrator sent with a work item (<see cref="NodeReads"/>); other nodes read as null.</summary>
    public RunOutputs(GraphDefinition graph, JsonObject reads)
        : this(graph, id => reads[id])
    {
    }

    private RunOutputs(GraphDefinition graph, Func<string, JsonNode?> output)
    {
        _graph = graph;
        _index = GraphIndex.For(graph);
        _output = output;
    }

    public IEnumerable<string> Keys => _graph.Nodes.Select(n => n.Id);

    public IEnumerable<JsonNode?> Values => Keys.Select(id => this[id]);

    public int Count => _graph.Nodes.Count;

    public JsonNode? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => _index.Nodes.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out JsonNode? value)
    {
        value = null;
        if (!_index.Nodes.ContainsKey(key))
        {
            return false;
        }

        value = _output(key);
        return true;
    }

    public IEnumerator<KeyValuePair<string, JsonNode?>> GetEnumerator() =>
        Keys.Select(id => KeyValuePair.Create(id, this[id])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
