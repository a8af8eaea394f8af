namespace AgentFunctions.Core.Graphs;

/// <content>Checking <c>when:</c>, <c>for_each:</c>, <c>max_items:</c>, <c>join:</c> and <c>loop.until</c> of one node.</content>
internal sealed partial class GraphValidator
{
    private void CheckSemantics(NodeDraft node, ReferenceScope scope)
    {
        var field = $"nodes.{node.Id}";
        if (node.When is var (condition, whenAt))
        {
            foreach (var reference in condition.References)
            {
                CheckReference(reference, node, whenAt, $"{field}.when", scope, ItemUse.Never);
            }
        }

        if (node.ForEach is var (items, itemsAt))
        {
            CheckReference(items, node, itemsAt, $"{field}.for_each", scope, ItemUse.Never);
        }
        else if (node.MaxItems is var (_, maxAt))
        {
            errors.Add(GraphErrorCodes.InvalidValue, $"Node '{node.Id}' sets max_items but has no for_each; max_items caps the instances of a for_each node.", maxAt, node.Id, $"{field}.max_items");
        }

        if (node.Loop is { Until: { } until, UntilAt: { } untilAt })
        {
            foreach (var reference in until.References)
            {
                CheckReference(reference, node, untilAt, $"{field}.loop.until", scope, ItemUse.Never);
            }
        }

        CheckJoin(node, field);
    }

    private void CheckJoin(NodeDraft node, string field)
    {
        if (node.Join is not var (join, at) || join.Mode == JoinMode.All)
        {
            return;
        }

        var needs = node.Needs.Count;
        if (needs == 0)
        {
            errors.Add(GraphErrorCodes.InvalidValue, $"Node '{node.Id}' has join '{join}' but no needs; a join decides how many needed nodes must succeed.", at, node.Id, $"{field}.join");
        }
        else if (join.Quorum > needs)
        {
            errors.Add(GraphErrorCodes.InvalidValue, $"Node '{node.Id}' has join '{join}' but needs only {needs} node(s); the quorum must be between 1 and {needs}.", at, node.Id, $"{field}.join.quorum");
        }
    }
}
