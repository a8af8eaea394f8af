using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Graphs;

/// <content>Reading a skill node's <c>context:</c> (<c>repo</c> and <c>include</c> for files, <c>max_tokens</c> for the prompt budget, each optional) and recording the strings that hold expressions.</content>
internal sealed partial class GraphReader
{
    private static readonly string[] s_contextKeys = ["repo", "include", "max_tokens"];

    private void ReadContext(NodeDraft node, YamlNode key, YamlNode value, bool isTool)
    {
        var field = $"nodes.{node.Id}.context";
        if (isTool)
        {
            errors.Add(GraphErrorCodes.ContextOnTool, $"Node '{node.Id}' runs a tool; 'context:' is only for skill nodes.", key, node.Id, field);
            return;
        }

        if (AsMapping(value, field, node.Id, nullIsEmpty: true) is not { } map)
        {
            return;
        }

        string? repo = null;
        List<string> include = ["**/*"];
        int? maxTokens = null;
        foreach (var (name, _, item) in Entries(map, s_contextKeys, field, node.Id, $"in the context of node '{node.Id}'"))
        {
            switch (name)
            {
                case "repo":
                    repo = ReadString(item, $"{field}.repo", node.Id);
                    AddSite(node, item, repo, $"{field}.repo");
                    break;
                case "include":
                    include = ReadStringList(item, $"{field}.include", node.Id, (at, text) => AddSite(node, at, text, $"{field}.include"));
                    break;
                default:
                    maxTokens = ReadInt(item, $"{field}.max_tokens", node.Id, 1, 2_000_000);
                    break;
            }
        }

        // context.max_tokens alone sets the prompt budget; include: needs the repository it reads from.
        var hasRepo = map.Children.ContainsKey(new YamlScalarNode("repo"));
        if (!hasRepo && map.Children.ContainsKey(new YamlScalarNode("include")))
        {
            errors.Add(GraphErrorCodes.MissingKey, $"The context of node '{node.Id}' has 'include:' but no 'repo:' key (the repository folder the files are read from).", key, node.Id, $"{field}.repo");
        }

        node.Context = hasRepo && repo is null ? null : new NodeContext(repo, repo is null ? [] : include, maxTokens);
    }

    private static void AddSite(NodeDraft node, YamlNode at, string? value, string field)
    {
        if (value is not null && GraphExpression.ContainsExpression(value))
        {
            node.Sites.Add(new ExpressionSite(value, at, field));
        }
    }
}
