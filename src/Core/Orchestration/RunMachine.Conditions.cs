using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Orchestration;

/// <content>Evaluating <c>when:</c> conditions over the run inputs and what the nodes' outputs are now.</content>
public sealed partial class RunMachine
{
    private RunOutputs? _outputs;

    /// <summary>Gets the outputs as expressions read them (a live view of the node states).</summary>
    private RunOutputs Outputs => _outputs ??= new RunOutputs(_graph, _nodes);

    /// <summary>Checks the node's <c>when:</c>; when it is false the node is skipped, when it cannot be evaluated the node fails.</summary>
    /// <returns>True when the node should run.</returns>
    private bool WhenHolds(NodeState state, GraphNode definition)
    {
        if (definition.When is not { } when)
        {
            return true;
        }

        try
        {
            if (when.IsTrue(_header.Inputs, Outputs))
            {
                return true;
            }
        }
        catch (GraphExpressionException ex)
        {
            FailNode(state, $"The when condition could not be evaluated: {ex.Message}", _now);
            return false;
        }

        Skip(state, $"when '{when.Text}' was false", SkipCauses.WhenFalse, when.Text);
        return false;
    }
}
