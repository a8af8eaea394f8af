using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Graphs;

/// <summary>One node as read, with the YAML nodes its errors point at.</summary>
internal sealed class NodeDraft(string id, YamlNode key)
{
    public string Id { get; } = id;

    /// <summary>Gets the node's key in the <c>nodes:</c> map (its line is <see cref="GraphNode.Line"/>).</summary>
    public YamlNode Key { get; } = key;

    /// <summary>Gets or sets the kind; null when the node names neither or both of skill and tool.</summary>
    public NodeKind? Kind { get; set; }

    public string? Target { get; set; }

    /// <summary>Gets the ids in <c>needs:</c> with the YAML scalar each came from.</summary>
    public List<(string Id, YamlNode At)> Needs { get; } = [];

    public YamlNode? WithKey { get; set; }

    public JsonObject With { get; set; } = [];

    /// <summary>Gets the argument names in <c>with:</c> with their YAML keys.</summary>
    public List<(string Name, YamlNode At)> Arguments { get; } = [];

    public NodeContext? Context { get; set; }

    public PolicyDraft Policy { get; } = new();

    /// <summary>Gets the strings of this node that hold expressions.</summary>
    public List<ExpressionSite> Sites { get; } = [];

    /// <summary>Gets or sets the <c>when:</c> condition and where it was written.</summary>
    public (GraphCondition Condition, YamlNode At)? When { get; set; }

    /// <summary>Gets or sets the <c>for_each:</c> expression and where it was written.</summary>
    public (GraphExpression Items, YamlNode At)? ForEach { get; set; }

    /// <summary>Gets or sets <c>max_items:</c> and where it was written.</summary>
    public (int Value, YamlNode At)? MaxItems { get; set; }

    /// <summary>Gets or sets the <c>join:</c> policy and where it was written.</summary>
    public (NodeJoin Join, YamlNode At)? Join { get; set; }

    /// <summary>Gets or sets the node's <c>tools:</c> (replacing its skill's), or null to use the skill's.</summary>
    public List<string>? Tools { get; set; }

    /// <summary>Gets or sets <c>max_tool_calls:</c>, or null for the skill's.</summary>
    public int? MaxToolCalls { get; set; }

    /// <summary>Gets or sets the key of <c>tools:</c> or <c>max_tool_calls:</c>, for errors.</summary>
    public YamlNode? ToolsKey { get; set; }

    /// <summary>Gets or sets the <c>loop:</c> block.</summary>
    public LoopDraft? Loop { get; set; }
}
