namespace AgentFunctions.Core.Tools;

/// <summary>
/// A tool a graph node can run: code that acts on the world (applies patches with git, runs a test suite,
/// scans a patch, writes a release). Tools must be idempotent for a given (run, node, attempt): running the same
/// invocation twice must not change the outcome, because a work item can be delivered more than once.
/// </summary>
public interface ITool
{
    /// <summary>Gets the name graphs use in <c>tool:</c>, such as <c>tests.run</c>.</summary>
    string Name { get; }

    /// <summary>Gets a one-sentence description, shown by <c>GET /api/graphs</c> and in errors.</summary>
    string Description { get; }

    /// <summary>Gets the names of the arguments the tool requires in <c>with:</c> (checked when a graph loads).</summary>
    IReadOnlyList<string> RequiredArguments { get; }

    /// <summary>Gets the names of every argument the tool accepts in <c>with:</c> (unknown ones are rejected when a graph loads).</summary>
    IReadOnlyList<string> KnownArguments { get; }

    /// <summary>Runs the tool.</summary>
    /// <param name="invocation">The resolved arguments and where the call comes from.</param>
    /// <param name="cancellationToken">Cancelled when the node times out or the run is cancelled; the tool must stop its processes.</param>
    /// <returns>The outcome; a tool reports an expected failure (tests fail, a finding) as <see cref="ToolResult.Succeeded"/> = false rather than by throwing.</returns>
    /// <exception cref="ToolArgumentException">An argument is missing or has the wrong shape.</exception>
    Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken);
}
