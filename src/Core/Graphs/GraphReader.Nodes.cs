using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Graphs;

/// <content>Reading <c>nodes:</c>.</content>
internal sealed partial class GraphReader
{
    private static readonly string[] s_nodeKeys = [
        "skill", "tool", "needs", "with", "context", "model", "tier", "retries", "timeout", "max_cost_usd", "max_output_tokens", "optional", "approval",
        "when", "for_each", "max_items", "join", "loop", "tools", "max_tool_calls"];

    private void ReadNodes(YamlNode key, YamlNode value, GraphDraft draft)
    {
        if (IsNull(value) || value is YamlMappingNode { Children.Count: 0 })
        {
            errors.Add(GraphErrorCodes.EmptyGraph, "The graph has no nodes; 'nodes:' needs at least one node.", key, null, "nodes");
            return;
        }

        if (AsMapping(value, "nodes", null, nullIsEmpty: false) is not { } map)
        {
            return;
        }

        foreach (var (id, idNode, body) in Entries(map, null, "nodes", null, "in nodes"))
        {
            if (!NodeIdPattern().IsMatch(id))
            {
                errors.Add(GraphErrorCodes.InvalidValue, $"Node id '{id}' is invalid: use letters, digits, underscores and hyphens, starting with a letter, at most 63 characters.", idNode, id, $"nodes.{id}");
            }

            var node = new NodeDraft(id, idNode);
            draft.Nodes.Add(node);
            if (AsMapping(body, $"nodes.{id}", id, nullIsEmpty: true) is { } nodeMap)
            {
                ReadNode(node, nodeMap);
            }
        }
    }

    private void ReadNode(NodeDraft node, YamlMappingNode map)
    {
        var field = $"nodes.{node.Id}";
        YamlNode? skill = null, tool = null, contextKey = null, contextValue = null;
        foreach (var (key, keyNode, value) in Entries(map, s_nodeKeys, field, node.Id, $"in node '{node.Id}'"))
        {
            switch (key)
            {
                case "skill":
                    skill = value;
                    break;
                case "tool":
                    tool = value;
                    break;
                case "needs":
                    ReadNeeds(node, value);
                    break;
                case "with":
                    node.WithKey = keyNode;
                    ReadWith(node, value);
                    break;
                case "context":
                    (contextKey, contextValue) = (keyNode, value);
                    break;
                case "tools":
                    node.ToolsKey = keyNode;
                    node.Tools = ReadStringList(value, $"{field}.tools", node.Id, (at, entry) =>
                    {
                        if (!Tools.Agent.AgentToolNames.TryParse(entry, out _, out _, out var error))
                        {
                            Invalid(at, $"{field}.tools", node.Id, $"Node '{node.Id}': {error}");
                        }
                    });
                    break;
                case "max_tool_calls":
                    node.ToolsKey ??= keyNode;
                    node.MaxToolCalls = ReadInt(value, $"{field}.max_tool_calls", node.Id, 1, Skills.SkillDefinition.MaxToolCallsLimit);
                    break;
                case "when" or "for_each" or "max_items" or "join" or "loop":
                    ReadSemanticsKey(node, key, keyNode, value);
                    break;
                default:
                    ReadPolicyKey(key, value, $"{field}.{key}", node.Id, node.Policy);
                    break;
            }
        }

        CheckModelOrTier(field, node.Id, node.Policy);

        if (skill is not null && tool is not null)
        {
            errors.Add(GraphErrorCodes.SkillAndTool, $"Node '{node.Id}' has both 'skill:' and 'tool:'; a node runs exactly one of them.", node.Key, node.Id, field);
        }
        else if (skill is null && tool is null)
        {
            errors.Add(GraphErrorCodes.NoSkillOrTool, $"Node '{node.Id}' has neither 'skill:' nor 'tool:'; say what the node runs.", node.Key, node.Id, field);
        }
        else if (skill is not null)
        {
            ReadSkill(node, skill);
        }
        else
        {
            ReadTool(node, tool!);
        }

        if (contextKey is not null)
        {
            ReadContext(node, contextKey, contextValue!, tool is not null);
        }

        if (tool is not null && node.ToolsKey is { } toolsKey)
        {
            errors.Add(GraphErrorCodes.InvalidValue, $"Node '{node.Id}' runs a tool; only skill nodes take 'tools:' and 'max_tool_calls:' (the tools their model may call).", toolsKey, node.Id, $"{field}.tools");
        }
    }

    private void ReadSkill(NodeDraft node, YamlNode value)
    {
        node.Kind = NodeKind.Skill;
        var field = $"nodes.{node.Id}.skill";
        node.Target = ReadPatterned(value, field, node.Id, SkillIdPattern(), "a skill id 'domain/skill' (lowercase letters, digits, hyphens and underscores)");
        if (node.Target is not null && !context.Skills.Contains(node.Target))
        {
            errors.Add(GraphErrorCodes.UnknownSkill, $"Node '{node.Id}' uses unknown skill '{node.Target}'{NameSuggestions.Hint(node.Target, context.Skills)}.", value, node.Id, field);
        }
    }

    private void ReadTool(NodeDraft node, YamlNode value)
    {
        node.Kind = NodeKind.Tool;
        var field = $"nodes.{node.Id}.tool";
        node.Target = ReadString(value, field, node.Id);
        if (node.Target is not null && !context.Tools.ContainsKey(node.Target))
        {
            var known = context.Tools.Count == 0 ? "no tools are registered" : $"known tools: {string.Join(", ", context.Tools.Keys.Order(StringComparer.Ordinal))}";
            errors.Add(GraphErrorCodes.UnknownTool, $"Node '{node.Id}' uses unknown tool '{node.Target}'{NameSuggestions.Hint(node.Target, context.Tools.Keys)} ({known}).", value, node.Id, field);
        }
    }

    private void ReadNeeds(NodeDraft node, YamlNode value)
    {
        var field = $"nodes.{node.Id}.needs";
        var items = value is YamlSequenceNode sequence ? sequence.Children : (IEnumerable<YamlNode>)[value];
        var seen = node.Needs.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (ReadString(item, field, node.Id) is not { } id)
            {
                continue;
            }

            if (!seen.Add(id))
            {
                Invalid(item, field, node.Id, $"Node '{node.Id}' lists '{id}' twice in needs.");
                continue;
            }

            node.Needs.Add((id, item));
        }
    }

    private void ReadWith(NodeDraft node, YamlNode value)
    {
        var field = $"nodes.{node.Id}.with";
        if (AsMapping(value, field, node.Id, nullIsEmpty: true) is not { } map)
        {
            return;
        }

        node.With = (System.Text.Json.Nodes.JsonObject)ToJson(map, field, node.Id, node.Sites)!;
        foreach (var (key, keyNode) in map.Children.Select(p => (p.Key as YamlScalarNode, p.Key)).Where(p => p.Item1 is not null))
        {
            node.Arguments.Add((key!.Value ?? string.Empty, keyNode));
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,62}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NodeIdPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9_-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SkillIdPattern();
}
