using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Tools;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <summary>Runs a tool node: resolves its <c>with:</c> arguments and calls the tool.</summary>
public sealed class ToolNodeExecutor(ToolRegistry tools, TimeProvider time)
{
    /// <summary>Executes the node.</summary>
    /// <param name="context">The attempt.</param>
    /// <param name="cancellationToken">Cancelled on timeout or shutdown.</param>
    /// <returns>The result; expected failures (bad arguments, failing checks) are failed results, not exceptions.</returns>
    public async Task<NodeResult> ExecuteAsync(NodeExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = time.GetUtcNow();
        NodeResult Result(bool ok, JsonNode? output, string? error) => new(
            context.Node.Id, context.Attempt, ok, output, error, started, time.GetUtcNow(), null, null, false, 0, 0, 0,
            new JsonObject { ["tool"] = context.Node.Target });

        if (!tools.TryGet(context.Node.Target, out var tool))
        {
            return Result(false, null, $"Tool '{context.Node.Target}' is not registered in this app.");
        }

        try
        {
            var args = GraphExpression.Resolve(context.Node.With, context.Inputs, context.Outputs, context.Item)?.AsObject() ?? [];
            var invocation = new ToolInvocation(context.RunId, context.Node.Id, context.Attempt, args) { Iteration = context.Iteration };
            var result = await tool.ExecuteAsync(invocation, cancellationToken);
            return Result(result.Succeeded, result.Output, result.Error);
        }
        catch (ToolArgumentException ex)
        {
            return Result(false, null, ex.Message);
        }
        catch (GraphExpressionException ex)
        {
            return Result(false, null, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A tool that throws is a failed attempt (retried per the node's policy), not a storage outage to redeliver.
            return Result(false, null, $"Tool '{tool.Name}' failed: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
