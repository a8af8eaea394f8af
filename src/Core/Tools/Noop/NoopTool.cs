using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Tools.Noop;

/// <summary>
/// <c>noop</c>: does nothing and succeeds at once with the output <c>{}</c>. It takes no arguments. Graphs of <c>noop</c>
/// nodes measure the scheduler alone (the benchmarks in <c>bench/</c> use it) and are a placeholder while a graph is drafted.
/// </summary>
public sealed class NoopTool : ITool
{
    /// <summary>The tool name graphs use.</summary>
    public const string ToolName = "noop";

    /// <inheritdoc/>
    public string Name => ToolName;

    /// <inheritdoc/>
    public string Description => "Does nothing and returns {} at once (for benchmarks of the scheduler and as a placeholder).";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredArguments { get; } = [];

    /// <inheritdoc/>
    public IReadOnlyList<string> KnownArguments { get; } = [];

    /// <inheritdoc/>
    public Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return Task.FromResult(new ToolResult(true, []));
    }
}
