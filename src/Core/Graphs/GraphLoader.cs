using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Graphs;

/// <summary>
/// Loads graph YAML (format: <c>docs/graphs.md</c>) into a <see cref="GraphDefinition"/>, reporting every error it can
/// find in one pass, each with a stable code and the YAML line. Text that breaks a <see cref="YamlLimits"/> limit (size,
/// nesting, aliases) is rejected with one error before any tree is built.
/// </summary>
public static partial class GraphLoader
{
    /// <summary>Parses and validates one graph.</summary>
    /// <param name="yamlText">The YAML text.</param>
    /// <param name="sourceName">Where the text came from (a file name, or a label such as <c>request</c>), for messages.</param>
    /// <param name="context">The skills, tools and models the graph may reference.</param>
    /// <returns>The graph, or the errors (never both, never neither).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static GraphLoadResult Load(string yamlText, string sourceName, GraphLoaderContext context)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(context);
        var errors = new GraphErrorList();
        if (ParseRoot(yamlText, errors) is not { } root)
        {
            return new GraphLoadResult(sourceName, null, errors.Sorted());
        }

        var draft = new GraphReader(context, errors).Read(root);
        new GraphValidator(context, errors).Validate(draft);
        return errors.Count > 0
            ? new GraphLoadResult(sourceName, null, errors.Sorted())
            : new GraphLoadResult(sourceName, Build(draft, yamlText), []);
    }

    /// <summary>Finds the 1-based line of a top-level key, or null when the text has no such key or is not valid YAML.</summary>
    internal static int? FindTopLevelKeyLine(string yamlText, string key)
    {
        var root = ParseRoot(yamlText, new GraphErrorList());
        var entry = root?.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: { } value } && value == key);
        return entry is null ? null : (int)entry.Start.Line;
    }

    private static YamlMappingNode? ParseRoot(string yamlText, GraphErrorList errors)
    {
        var stream = new YamlStream();
        var parser = new BoundedYamlParser(new Parser(new StringReader(yamlText)));
        try
        {
            YamlLimits.CheckSize(yamlText);
            stream.Load(parser);
        }
        catch (YamlLimitException ex)
        {
            errors.Add(ex.Code, $"The graph cannot be read safely: {ex.Reason}", ex.At, null, null);
            return null;
        }
        catch (YamlException ex)
        {
            var reason = MarkPrefix().Replace(ex.Message, string.Empty);
            var message = reason.StartsWith("Duplicate key ", StringComparison.Ordinal)
                ? $"Invalid YAML: key '{reason["Duplicate key ".Length..]}' appears twice in the same mapping."
                : $"Invalid YAML: {reason}";
            errors.Add(GraphErrorCodes.YamlSyntax, message, ex.Start, null, null);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException on some malformed plain scalars in flow
            // collections (aaubry/YamlDotNet#541); the last event parsed is the best position we have.
            errors.Add(GraphErrorCodes.YamlSyntax, "Invalid YAML after this point: is a '[', '{' or quote left open?", parser.Current?.End ?? new Mark(0, 1, 1), null, null);
            return null;
        }

        if (stream.Documents.Count == 0 || YamlJson.IsNull(stream.Documents[0].RootNode))
        {
            errors.Add(GraphErrorCodes.EmptyGraph, "The file is empty; a graph needs at least 'name:' and 'nodes:'.", new Mark(0, 1, 1), null, null);
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            errors.Add(GraphErrorCodes.YamlSyntax, "The file holds several YAML documents ('---'); put one graph per file.", stream.Documents[1].RootNode, null, null);
            return null;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(GraphErrorCodes.InvalidValue, "A graph file must be a mapping with 'name:' and 'nodes:' at the top level.", stream.Documents[0].RootNode, null, null);
            return null;
        }

        return root;
    }

    private static GraphDefinition Build(GraphDraft draft, string yamlText)
    {
        var nodes = draft.Nodes.Select(n => new GraphNode(
            n.Id,
            n.Kind!.Value,
            n.Target!,
            n.Needs.Select(need => need.Id).ToList(),
            n.With,
            n.Context,
            n.Policy.Over(draft.Defaults.Over(NodePolicy.Default)),
            (int)n.Key.Start.Line)
        {
            When = n.When?.Condition,
            ForEach = n.ForEach is var (items, _) ? new NodeForEach(items, n.MaxItems?.Value ?? NodeForEach.DefaultMaxItems) : null,
            Join = n.Join?.Join ?? NodeJoin.All,
            Loop = n.Loop?.Build(),
            Tools = n.Tools,
            MaxToolCalls = n.MaxToolCalls,
        }).ToList();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yamlText)));
        return new GraphDefinition(draft.Name!, draft.Description, draft.Inputs, new GraphBudget(draft.MaxCostUsd, draft.OnExceed), nodes, yamlText, hash);
    }

    [GeneratedRegex("^\\(Line: \\d+, Col: \\d+, Idx: \\d+\\) - \\(Line: \\d+, Col: \\d+, Idx: \\d+\\): ", RegexOptions.CultureInvariant)]
    private static partial Regex MarkPrefix();
}
