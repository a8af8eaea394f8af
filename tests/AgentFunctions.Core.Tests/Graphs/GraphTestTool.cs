using System.Text.Json.Nodes;
using AgentFunctions.Core.Tools;

namespace AgentFunctions.Core.Tests.Graphs;

/// <summary>A tool that only declares its arguments; graphs are loaded, never run, in these tests.</summary>
internal sealed class GraphTestTool(string name, string[] required, string[] known) : ITool
{
    public string Name { get; } = name;

    public string Description => "Test tool " + Name;

    public IReadOnlyList<string> RequiredArguments { get; } = required;

    public IReadOnlyList<string> KnownArguments { get; } = known;

    public Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken) =>
        Task.FromResult(new ToolResult(true, new JsonObject()));
}
