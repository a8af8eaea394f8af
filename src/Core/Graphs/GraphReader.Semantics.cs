using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Graphs;

/// <content>Reading the keys that shape a run: <c>when</c>, <c>for_each</c>, <c>max_items</c>, <c>join</c> and <c>loop</c>.</content>
internal sealed partial class GraphReader
{
    private static readonly string[] s_loopKeys = ["back_to", "until", "max_iterations", "on_exhausted"];
    private static readonly string[] s_loopRequired = ["back_to", "until"];

    private void ReadSemanticsKey(NodeDraft node, string key, YamlNode keyNode, YamlNode value)
    {
        var field = $"nodes.{node.Id}.{key}";
        switch (key)
        {
            case "when":
                if (ReadCondition(value, field, node.Id) is { } condition)
                {
                    node.When = (condition, value);
                }

                break;
            case "for_each":
                ReadForEach(node, value, field);
                break;
            case "max_items":
                if (ReadInt(value, field, node.Id, 1, NodeForEach.MaxItemsLimit) is { } max)
                {
                    node.MaxItems = (max, value);
                }

                break;
            case "join":
                ReadJoin(node, value, field);
                break;
            default:
                ReadLoop(node, keyNode, value, field);
                break;
        }
    }

    /// <summary>Reads a condition; a syntax error is reported at the character where it was found when the scalar is on one line.</summary>
    private GraphCondition? ReadCondition(YamlNode value, string field, string nodeId)
    {
        if (ReadString(value, field, nodeId) is not { } text)
        {
            return null;
        }

        if (GraphCondition.TryParse(text, out var condition, out GraphCondition.ParseFailure? failure))
        {
            return condition;
        }

        var (code, error, offset) = failure.Value;
        var message = code == GraphErrorCodes.InvalidExpression
            ? $"Invalid condition in '{field}' at character {offset + 1} of '{text}': {error}"
            : $"Condition in '{field}' cannot be read safely: {error}";
        errors.Add(code, message, PositionIn(value, offset), nodeId, field);
        return null;
    }

    private void ReadForEach(NodeDraft node, YamlNode value, string field)
    {
        if (ReadString(value, field, node.Id) is not { } text)
        {
            return;
        }

        if (!GraphExpression.TryParse(text, out var expression, out var error))
        {
            errors.Add(GraphErrorCodes.InvalidExpression, $"Invalid expression in '{field}': {error} Write one expression naming a list, such as ${{{{ nodes.planner.output.files }}}}.", value, node.Id, field);
        }
        else if (expression.Root is ExpressionRoot.Item or ExpressionRoot.ItemIndex)
        {
            errors.Add(GraphErrorCodes.InvalidExpression, $"'{field}' cannot read '{expression.Name}': the list is computed before there are items; read inputs.<name> or nodes.<id>.output.", value, node.Id, field);
        }
        else
        {
            node.ForEach = (expression, value);
        }
    }

    private void ReadJoin(NodeDraft node, YamlNode value, string field)
    {
        const string Expected = "write 'all', 'any' or '{ quorum: n }'";
        if (value is YamlMappingNode map)
        {
            foreach (var (_, _, count) in Entries(map, ["quorum"], field, node.Id, $"in the join of node '{node.Id}'"))
            {
                if (ReadInt(count, $"{field}.quorum", node.Id, 1, int.MaxValue) is { } quorum)
                {
                    node.Join = (new NodeJoin(JoinMode.Quorum, quorum), value);
                }
            }

            if (map.Children.Count == 0)
            {
                Invalid(value, field, node.Id, $"'{field}' is empty; {Expected}.");
            }
        }
        else if (ReadString(value, field, node.Id) is { } text)
        {
            switch (text)
            {
                case "all":
                    node.Join = (NodeJoin.All, value);
                    break;
                case "any":
                    node.Join = (NodeJoin.Any, value);
                    break;
                default:
                    Invalid(value, field, node.Id, $"'{text}' is not a join policy; {Expected}{NameSuggestions.Hint(text, ["all", "any", "quorum"])}.");
                    break;
            }
        }
    }

    private void ReadLoop(NodeDraft node, YamlNode key, YamlNode value, string field)
    {
        if (AsMapping(value, field, node.Id, nullIsEmpty: true) is not { } map)
        {
            return;
        }

        var loop = new LoopDraft(key);
        node.Loop = loop;
        foreach (var (name, _, item) in Entries(map, s_loopKeys, field, node.Id, $"in the loop of node '{node.Id}'"))
        {
            switch (name)
            {
                case "back_to":
                    (loop.BackTo, loop.BackToAt) = (ReadString(item, $"{field}.back_to", node.Id), item);
                    break;
                case "until":
                    (loop.Until, loop.UntilAt) = (ReadCondition(item, $"{field}.until", node.Id), item);
                    break;
                case "max_iterations":
                    loop.MaxIterations = ReadInt(item, $"{field}.max_iterations", node.Id, 1, NodeLoop.MaxIterationsLimit) ?? loop.MaxIterations;
                    break;
                default:
                    ReadExhaustion(loop, item, $"{field}.on_exhausted", node.Id);
                    break;
            }
        }

        foreach (var required in s_loopRequired.Where(r => !map.Children.ContainsKey(new YamlScalarNode(r))))
        {
            var what = required == "back_to" ? "the first node to run again" : "the condition that ends the loop";
            errors.Add(GraphErrorCodes.MissingKey, $"The loop of node '{node.Id}' has no '{required}:' key ({what}).", key, node.Id, $"{field}.{required}");
        }
    }

    private void ReadExhaustion(LoopDraft loop, YamlNode value, string field, string nodeId)
    {
        switch (ReadString(value, field, nodeId))
        {
            case "fail":
                loop.OnExhausted = LoopExhaustion.Fail;
                break;
            case "continue":
                loop.OnExhausted = LoopExhaustion.Continue;
                break;
            case { } other:
                Invalid(value, field, nodeId, $"'{other}' is not allowed for '{field}'; write 'fail' (the default: the loop node fails) or 'continue' (the run goes on with the last output).");
                break;
        }
    }

    /// <summary>Gets the position of character <paramref name="offset"/> of a scalar written on one line, else the scalar's start.</summary>
    private static Mark PositionIn(YamlNode value, int offset)
    {
        if (value is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } scalar
            && scalar.Start.Line == scalar.End.Line)
        {
            var quote = scalar.Style == ScalarStyle.Plain ? 0 : 1;
            return new Mark(scalar.Start.Index + quote + offset, scalar.Start.Line, scalar.Start.Column + quote + offset);
        }

        return value.Start;
    }
}
