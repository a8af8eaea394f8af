using System.Text.Json.Nodes;
using AgentFunctions.Core.Orchestration;

namespace AgentFunctions.Core.Tests.Orchestration.Faults;

/// <summary>A graph the fault tests run, with what a crash-free run of it ends with.</summary>
/// <param name="Name">Shown in test output.</param>
/// <param name="Yaml">The graph, given the execution log its shell nodes append their node id to.</param>
/// <param name="Inputs">The run inputs.</param>
/// <param name="Nodes">Every node and for_each instance; a crash-free run ends with each succeeded at attempt 1.</param>
/// <param name="Executed">The nodes and instances a worker executes (one result row each).</param>
/// <param name="ShellNodes">The nodes whose execution appends their id to the log (the observable side effect).</param>
internal sealed record FaultTestGraph(
    string Name, Func<string, string> Yaml, JsonObject? Inputs, IReadOnlyList<string> Nodes, IReadOnlyList<string> Executed, IReadOnlyList<string> ShellNodes)
{
    /// <summary>Instances of the wide graph's for_each: its expansion changes 121 node rows in one step (a journaled commit).</summary>
    public const int WideInstances = 120;

    /// <summary>a → b, c → d, every node a shell command appending its id to the log.</summary>
    public static FaultTestGraph Diamond { get; } = new(
        "diamond",
        log => "name: diamond\nnodes:\n" + Shell("a", "[]", log) + Shell("b", "a", log) + Shell("c", "a", log) + Shell("d", "[b, c]", log),
        null,
        ["a", "b", "c", "d"],
        ["a", "b", "c", "d"],
        ["a", "b", "c", "d"]);

    /// <summary>a → items (for_each over 120 inputs, noop instances) → d; a and d are shell commands appending to the log.</summary>
    public static FaultTestGraph Wide { get; } = new(
        "wide",
        log => "name: wide\ninputs:\n  items: { type: array }\nnodes:\n" + Shell("a", "[]", log)
            + "  items:\n    tool: noop\n    needs: a\n    for_each: ${{ inputs.items }}\n" + Shell("d", "items", log),
        new JsonObject { ["items"] = new JsonArray([.. Enumerable.Range(0, WideInstances).Select(i => (JsonNode)i)]) },
        ["a", "items", .. Instances, "d"],
        ["a", .. Instances, "d"],
        ["a", "d"]);

    /// <summary>Gets a graph by its <see cref="Name"/>.</summary>
    public static FaultTestGraph Named(string name) => name == Diamond.Name ? Diamond : name == Wide.Name ? Wide : throw new ArgumentException(name, nameof(name));

    private static IEnumerable<string> Instances => Enumerable.Range(0, WideInstances).Select(i => NodeInstanceIds.Of("items", i));

    public override string ToString() => Name;

    private static string Shell(string id, string needs, string log) =>
        $"  {id}:\n    tool: shell\n    needs: {needs}\n    with: {{ command: 'echo $AF_NODE_ID >> {log}' }}\n";
}
