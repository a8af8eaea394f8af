using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Graphs;

/// <content>Checking what one expression or condition reads: declared inputs, nodes that run before, items of a fan-out.</content>
internal sealed partial class GraphValidator
{
    /// <summary>Where <c>${{ item }}</c> may be read.</summary>
    private enum ItemUse
    {
        /// <summary>In <c>with:</c> and <c>context:</c> of a <c>for_each</c> node.</summary>
        ForEachOnly,

        /// <summary>Nowhere: in <c>when:</c>, <c>for_each:</c> and <c>loop.until</c>, which are evaluated before or after the instances.</summary>
        Never,
    }

    /// <summary>Reports a reference to an unknown input or node, to a node that does not run before this one, or to an item where there is none.</summary>
    private void CheckReference(GraphExpression expression, NodeDraft node, YamlNode at, string field, ReferenceScope scope, ItemUse items)
    {
        switch (expression.Root)
        {
            case ExpressionRoot.Inputs:
                if (!scope.Inputs.Contains(expression.Name))
                {
                    var declared = scope.Inputs.Count == 0 ? "the graph declares no inputs" : $"declared: {string.Join(", ", scope.Inputs)}";
                    errors.Add(GraphErrorCodes.UnknownInput, $"'{expression.Text}' reads unknown input '{expression.Name}'{NameSuggestions.Hint(expression.Name, scope.Inputs)} ({declared}).", at, node.Id, field);
                }

                return;
            case ExpressionRoot.Item or ExpressionRoot.ItemIndex:
                if (items == ItemUse.Never || node.ForEach is null)
                {
                    var where = items == ItemUse.Never
                        ? $"'{field}' is evaluated once for the whole node, not per item"
                        : $"node '{node.Id}' has no for_each";
                    errors.Add(GraphErrorCodes.InvalidExpression, $"'{expression.Text}' reads '{expression.Name}', but {where}; items exist only in the with: and context: of a for_each node.", at, node.Id, field);
                }

                return;
        }

        var loopBody = scope.LoopBodyOf(node.Id);
        if (!scope.Ids.Contains(expression.Name))
        {
            errors.Add(GraphErrorCodes.UnknownNode, $"'{expression.Text}' reads unknown node '{expression.Name}'{NameSuggestions.Hint(expression.Name, scope.Ids)}.", at, node.Id, field);
        }
        else if (loopBody?.Contains(expression.Name) == true)
        {
            // Inside a loop a node may read every node of the loop: nodes after it give their previous iteration's output.
        }
        else if (expression.Name == node.Id)
        {
            errors.Add(GraphErrorCodes.NotUpstream, $"'{expression.Text}' reads the output of node '{node.Id}' itself, which does not exist while the node runs.", at, node.Id, field);
        }
        else if (!scope.Upstream(node.Id).Contains(expression.Name))
        {
            errors.Add(GraphErrorCodes.NotUpstream, $"'{expression.Text}' reads node '{expression.Name}', which is not upstream of '{node.Id}'; add '{expression.Name}' to the needs of '{node.Id}' (directly or through a node it needs).", at, node.Id, field);
        }
    }

    /// <summary>What references are checked against: declared inputs, node ids, upstream sets and loop bodies.</summary>
    private sealed class ReferenceScope(List<string> inputs, HashSet<string> ids, GraphTopology topology, IReadOnlyDictionary<string, IReadOnlySet<string>> loopBodies)
    {
        // Only the last node's set is kept: the references of one node are checked together, and keeping every node's
        // set would take memory quadratic in the length of a chain (gigabytes for a 1 MiB graph of 12,000 nodes).
        private (string NodeId, IReadOnlySet<string> Nodes)? _upstream;

        public List<string> Inputs { get; } = inputs;

        public HashSet<string> Ids { get; } = ids;

        /// <summary>Gets the nodes that run before <paramref name="nodeId"/>.</summary>
        public IReadOnlySet<string> Upstream(string nodeId)
        {
            if (_upstream is not { } last || last.NodeId != nodeId)
            {
                _upstream = last = (nodeId, topology.TransitivePredecessors(nodeId));
            }

            return last.Nodes;
        }

        /// <summary>Gets the body of the loop <paramref name="nodeId"/> belongs to (the loop node included), or null.</summary>
        public IReadOnlySet<string>? LoopBodyOf(string nodeId) => loopBodies.Values.FirstOrDefault(body => body.Contains(nodeId));
    }
}
