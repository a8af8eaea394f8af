namespace AgentFunctions.Core.Graphs;

/// <summary>
/// Cross-node checks of a <see cref="GraphDraft"/>: <c>needs:</c> references, self-dependencies, cycles, expressions and
/// conditions (inputs declared, nodes upstream), joins, fan-outs, loops and tool arguments.
/// </summary>
internal sealed partial class GraphValidator(GraphLoaderContext context, GraphErrorList errors)
{
    public void Validate(GraphDraft draft)
    {
        var ids = draft.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var node in draft.Nodes)
        {
            CheckNeeds(node, ids);
        }

        var topology = new GraphTopology(
            draft.Nodes.Select(n => n.Id).ToList(),
            draft.Nodes.Select(n => (IReadOnlyList<string>)n.Needs.Select(need => need.Id).Where(id => id != n.Id).ToList()).ToList());
        foreach (var cycle in topology.FindCycles())
        {
            var first = draft.Nodes.First(n => n.Id == cycle[0]);
            errors.Add(GraphErrorCodes.Cycle, $"The needs form a cycle: {string.Join(" → ", cycle)}. A node can only run after the nodes it needs, so one of these edges must go.", first.Key, first.Id, $"nodes.{first.Id}.needs");
        }

        var inputs = draft.Inputs.Select(i => i.Name).ToList();
        var scope = new ReferenceScope(inputs, ids, topology, CheckLoops(draft, topology, ids));
        foreach (var node in draft.Nodes)
        {
            CheckExpressions(node, scope);
            CheckSemantics(node, scope);
            CheckArguments(node);
        }
    }

    private void CheckNeeds(NodeDraft node, HashSet<string> ids)
    {
        var field = $"nodes.{node.Id}.needs";
        foreach (var (id, at) in node.Needs)
        {
            if (id == node.Id)
            {
                errors.Add(GraphErrorCodes.SelfDependency, $"Node '{node.Id}' needs itself; a node cannot wait for its own result.", at, node.Id, field);
            }
            else if (!ids.Contains(id))
            {
                errors.Add(GraphErrorCodes.UnknownNode, $"Node '{node.Id}' needs unknown node '{id}'{NameSuggestions.Hint(id, ids)}.", at, node.Id, field);
            }
        }
    }

    private void CheckExpressions(NodeDraft node, ReferenceScope scope)
    {
        foreach (var site in node.Sites)
        {
            var scan = GraphExpression.Scan(site.Value);
            foreach (var error in scan.Errors)
            {
                errors.Add(GraphErrorCodes.InvalidExpression, $"Invalid expression in '{site.Field}': {error}", site.At, node.Id, site.Field);
            }

            foreach (var expression in scan.Expressions)
            {
                CheckReference(expression, node, site.At, site.Field, scope, ItemUse.ForEachOnly);
            }
        }
    }

    private void CheckArguments(NodeDraft node)
    {
        if (node.Kind != NodeKind.Tool || node.Target is null || !context.Tools.TryGetValue(node.Target, out var tool))
        {
            return;
        }

        var field = $"nodes.{node.Id}.with";
        foreach (var required in tool.RequiredArguments.Where(r => !node.Arguments.Any(a => a.Name == r)))
        {
            errors.Add(GraphErrorCodes.MissingArgument, $"Node '{node.Id}' does not pass argument '{required}', which tool '{tool.Name}' requires; add it under 'with:'.", node.WithKey ?? node.Key, node.Id, $"{field}.{required}");
        }

        foreach (var (name, at) in node.Arguments.Where(a => !tool.KnownArguments.Contains(a.Name)))
        {
            var known = tool.KnownArguments.Count == 0 ? "it takes no arguments" : $"it accepts: {string.Join(", ", tool.KnownArguments)}";
            errors.Add(GraphErrorCodes.UnknownArgument, $"Tool '{tool.Name}' has no argument '{name}'{NameSuggestions.Hint(name, tool.KnownArguments)} ({known}).", at, node.Id, $"{field}.{name}");
        }
    }
}
