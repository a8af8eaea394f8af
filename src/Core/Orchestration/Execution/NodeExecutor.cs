using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <summary>Runs one attempt of a node with its timeout, turning a timeout into a failed attempt.</summary>
public sealed class NodeExecutor(SkillNodeExecutor skills, ToolNodeExecutor tools, TimeProvider time)
{
    /// <summary>Executes the attempt.</summary>
    /// <param name="context">The attempt.</param>
    /// <param name="cancellationToken">Cancelled when the host shuts down (the attempt is then abandoned, not failed).</param>
    /// <returns>The result.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<NodeResult> ExecuteAsync(NodeExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = time.GetUtcNow();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(context.Node.Policy.Timeout);
        try
        {
            return context.Node.Kind == NodeKind.Skill
                ? await skills.ExecuteAsync(context, timeout.Token)
                : await tools.ExecuteAsync(context, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var ms = (long)context.Node.Policy.Timeout.TotalMilliseconds;
            return new NodeResult(context.Node.Id, context.Attempt, false, null, $"Timed out after {ms} ms (node timeout); the attempt was cancelled.",
                started, time.GetUtcNow(), null, null, false, 0, 0, 0, null);
        }
    }
}
