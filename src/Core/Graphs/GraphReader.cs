using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Graphs;

/// <summary>
/// Reads a graph's YAML mapping into a <see cref="GraphDraft"/>, checking each value's type, pattern and range and
/// the references a single node makes to skills, tools and models. Cross-node checks live in <see cref="GraphValidator"/>.
/// </summary>
internal sealed partial class GraphReader(GraphLoaderContext context, GraphErrorList errors)
{
    private static readonly string[] s_topKeys = ["name", "description", "inputs", "budget", "defaults", "nodes"];
    private static readonly string[] s_inputKeys = ["type", "required", "default", "description"];
    private static readonly string[] s_budgetKeys = ["max_cost_usd", "on_exceed"];
    private static readonly string[] s_inputTypes = ["string", "number", "integer", "boolean", "object", "array"];

    /// <summary>Reads the root mapping of a graph file.</summary>
    public GraphDraft Read(YamlMappingNode root)
    {
        var draft = new GraphDraft();
        YamlNode? nodes = null;
        foreach (var (key, keyNode, value) in Entries(root, s_topKeys, null, null, "at the top level"))
        {
            switch (key)
            {
                case "name":
                    draft.Name = ReadPatterned(value, "name", null, GraphNamePattern(), "a graph name: lowercase letters, digits and hyphens, starting with a letter, 2 to 63 characters");
                    break;
                case "description":
                    draft.Description = ReadString(value, "description", null);
                    break;
                case "inputs":
                    ReadInputs(value, draft);
                    break;
                case "budget":
                    ReadBudget(value, draft);
                    break;
                case "defaults":
                    ReadPolicy(value, "defaults", null, draft.Defaults);
                    break;
                default:
                    nodes = keyNode;
                    ReadNodes(keyNode, value, draft);
                    break;
            }
        }

        if (!root.Children.ContainsKey(new YamlScalarNode("name")))
        {
            errors.Add(GraphErrorCodes.MissingKey, "The graph has no 'name:' key.", root, null, "name");
        }

        if (nodes is null)
        {
            errors.Add(GraphErrorCodes.MissingKey, "The graph has no 'nodes:' key.", root, null, "nodes");
        }

        return draft;
    }

    private void ReadInputs(YamlNode value, GraphDraft draft)
    {
        if (AsMapping(value, "inputs", null, nullIsEmpty: true) is not { } map)
        {
            return;
        }

        foreach (var (name, keyNode, spec) in Entries(map, null, "inputs", null, "in inputs"))
        {
            var field = $"inputs.{name}";
            if (!InputNamePattern().IsMatch(name))
            {
                errors.Add(GraphErrorCodes.InvalidValue, $"Input name '{name}' is invalid: use letters, digits and underscores, starting with a letter or underscore.", keyNode, null, field);
            }

            draft.Inputs.Add(ReadInput(name, spec, field));
        }
    }

    /// <summary>Reads one input spec; an invalid spec is reported and still returned, so expressions can name the input.</summary>
    private GraphInput ReadInput(string name, YamlNode spec, string field)
    {
        var type = "string";
        var required = false;
        System.Text.Json.Nodes.JsonNode? defaultValue = null;
        YamlNode? defaultNode = null;
        string? description = null;
        var typeKnown = true;
        var map = AsMapping(spec, field, null, nullIsEmpty: true) ?? [];
        foreach (var (key, _, value) in Entries(map, s_inputKeys, field, null, $"in input '{name}'"))
        {
            switch (key)
            {
                case "type":
                    type = ReadString(value, $"{field}.type", null) ?? type;
                    typeKnown = s_inputTypes.Contains(type);
                    if (!typeKnown)
                    {
                        Invalid(value, $"{field}.type", null, $"Unknown input type '{type}'; expected one of {string.Join(", ", s_inputTypes)}{NameSuggestions.Hint(type, s_inputTypes)}.");
                    }

                    break;
                case "required":
                    required = ReadBool(value, $"{field}.required", null) ?? required;
                    break;
                case "default":
                    defaultNode = value;
                    defaultValue = ToJson(value, $"{field}.default", null, null);
                    break;
                default:
                    description = ReadString(value, $"{field}.description", null);
                    break;
            }
        }

        if (defaultNode is not null && defaultValue is not null)
        {
            if (required)
            {
                Invalid(defaultNode, $"{field}.default", null, $"Input '{name}' is required and has a default; a required input cannot have a default.");
            }
            else if (typeKnown && !GraphInputBinder.Matches(type, defaultValue))
            {
                Invalid(defaultNode, $"{field}.default", null, $"The default of input '{name}' is not of type {type}.");
            }
        }

        return new GraphInput(name, type, required, defaultValue, description);
    }

    private void ReadBudget(YamlNode value, GraphDraft draft)
    {
        if (AsMapping(value, "budget", null, nullIsEmpty: true) is not { } map)
        {
            return;
        }

        foreach (var (key, _, item) in Entries(map, s_budgetKeys, "budget", null, "in budget"))
        {
            if (key == "max_cost_usd")
            {
                draft.MaxCostUsd = ReadUsd(item, "budget.max_cost_usd", null);
            }
            else if (ReadString(item, "budget.on_exceed", null) is { } policy)
            {
                if (Enum.TryParse<BudgetPolicy>(policy, ignoreCase: true, out var parsed) && policy.All(char.IsAsciiLetterLower))
                {
                    draft.OnExceed = parsed;
                }
                else
                {
                    Invalid(item, "budget.on_exceed", null, $"'{policy}' is not a budget policy; use fail, skip, downgrade or approve.");
                }
            }
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,62}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex GraphNamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex InputNamePattern();
}
