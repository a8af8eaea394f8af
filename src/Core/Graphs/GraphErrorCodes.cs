namespace AgentFunctions.Core.Graphs;

/// <summary>
/// Stable codes of <see cref="GraphError"/>. Clients may switch on them; their meaning never changes
/// (the messages may be reworded).
/// </summary>
public static class GraphErrorCodes
{
    /// <summary>The text is not valid YAML (including a key written twice in one mapping).</summary>
    public const string YamlSyntax = "yaml_syntax";

    /// <summary>A key the format does not define, at any level; the message suggests the closest known key.</summary>
    public const string UnknownKey = "unknown_key";

    /// <summary>A required key is absent.</summary>
    public const string MissingKey = "missing_key";

    /// <summary>A value has the wrong type, breaks a name pattern or lies outside its range.</summary>
    public const string InvalidValue = "invalid_value";

    /// <summary>A node names both <c>skill:</c> and <c>tool:</c>.</summary>
    public const string SkillAndTool = "skill_and_tool";

    /// <summary>A node names neither <c>skill:</c> nor <c>tool:</c>.</summary>
    public const string NoSkillOrTool = "no_skill_or_tool";

    /// <summary>A skill id that is not in the skill catalog.</summary>
    public const string UnknownSkill = "unknown_skill";

    /// <summary>A tool name that no registered tool has.</summary>
    public const string UnknownTool = "unknown_tool";

    /// <summary>A model id that no configured provider serves.</summary>
    public const string UnknownModel = "unknown_model";

    /// <summary>A node id in <c>needs:</c> or in a <c>${{ nodes.id.output }}</c> expression that the graph does not define.</summary>
    public const string UnknownNode = "unknown_node";

    /// <summary>A node lists itself in <c>needs:</c>.</summary>
    public const string SelfDependency = "self_dependency";

    /// <summary>The <c>needs:</c> edges form a cycle; the message lists its path.</summary>
    public const string Cycle = "cycle";

    /// <summary>A tool node has a <c>context:</c> block (only skill nodes read context).</summary>
    public const string ContextOnTool = "context_on_tool";

    /// <summary>A <c>${{ }}</c> expression is malformed.</summary>
    public const string InvalidExpression = "invalid_expression";

    /// <summary>An expression reads <c>inputs.x</c> but the graph declares no input <c>x</c>; or a run supplies an undeclared input.</summary>
    public const string UnknownInput = "unknown_input";

    /// <summary>An expression reads the output of a node that does not run before this one (not reachable through <c>needs:</c>).</summary>
    public const string NotUpstream = "not_upstream";

    /// <summary>A tool node lacks an argument the tool requires.</summary>
    public const string MissingArgument = "missing_argument";

    /// <summary>A tool node passes an argument the tool does not accept.</summary>
    public const string UnknownArgument = "unknown_argument";

    /// <summary>The file is empty or its <c>nodes:</c> map has no node.</summary>
    public const string EmptyGraph = "empty_graph";

    /// <summary>A run does not supply a required input.</summary>
    public const string MissingInput = "missing_input";

    /// <summary>A run supplies an input whose JSON type differs from the declared one.</summary>
    public const string InvalidInputType = "invalid_input_type";

    /// <summary>
    /// A <c>loop:</c> that cannot run: <c>back_to</c> is not upstream of the loop node, the loop body holds a <c>for_each</c>
    /// node or another loop, two loops overlap, or a node outside the loop needs a node inside it other than the loop node.
    /// </summary>
    public const string InvalidLoop = "invalid_loop";

    /// <summary>Two files in a graph catalog declare the same graph name.</summary>
    public const string DuplicateName = "duplicate_name";

    /// <summary>A graph's <c>name:</c> differs from its file name without the extension.</summary>
    public const string NameMismatch = "name_mismatch";

    /// <summary>
    /// Too large to read safely: the graph YAML is bigger than <see cref="YamlLimits.MaxBytes"/> or holds more than
    /// <see cref="YamlLimits.MaxValues"/> values once aliases are expanded, or a condition is longer than
    /// <see cref="GraphCondition.MaxLength"/>. The message names the limit.
    /// </summary>
    public const string TooLarge = "too_large";

    /// <summary>
    /// Nested too deeply to read safely: YAML mappings and sequences (aliases expanded) deeper than
    /// <see cref="YamlLimits.MaxDepth"/>, or a condition's parentheses, <c>!</c> and call arguments deeper than
    /// <see cref="GraphCondition.MaxDepth"/>. The message names the limit; the line is where the limit was passed.
    /// </summary>
    public const string TooDeep = "too_deep";

    /// <summary>A YAML alias (<c>*name</c>) inside the node anchored <c>&amp;name</c> that it repeats: an endless value.</summary>
    public const string YamlAlias = "yaml_alias";
}
