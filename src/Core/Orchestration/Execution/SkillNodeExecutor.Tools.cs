using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Models.ToolCalling;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Tools.Agent;

namespace AgentFunctions.Core.Orchestration.Execution;

/// <content>The tools a node's model may call: the node's <c>tools:</c> or else its skill's, project tools and MCP tools.</content>
public sealed partial class SkillNodeExecutor
{
    /// <summary>Builds the node's tool session, or none when neither the node nor its skill names tools.</summary>
    /// <returns>The session (null without tools), or an error naming the tool that could not be provided.</returns>
    private async Task<(ToolSession? Session, string? Error)> ToolsAsync(NodeRun run, SkillDefinition skill, JsonObject input, CancellationToken cancellationToken)
    {
        var context = run.Context;
        var names = context.Node.Tools ?? skill.Tools;
        if (names.Count == 0)
        {
            return (null, null);
        }

        // The repository: the node's context.repo, else its input's repo.
        var repository = context.Node.Context is { Repository: { } r }
            ? GraphExpression.Resolve(JsonValue.Create(r), context.Inputs, context.Outputs, context.Item)?.GetValue<string>()
            : input["repo"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? input["repo"]!.GetValue<string>() : null;
        var testCommand = input["test_command"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? input["test_command"]!.GetValue<string>() : null;
        var toolContext = new AgentToolContext(context.RunId, context.Node.Id.Replace('[', '-').Replace(']', '-'), context.Attempt, repository, testCommand);
        var tools = new List<NodeTool>(projectTools.Create(toolContext, names.Where(n => !n.StartsWith("mcp:", StringComparison.Ordinal))));
        foreach (var entry in names.Where(n => n.StartsWith("mcp:", StringComparison.Ordinal)))
        {
            if (!AgentToolNames.TryParse(entry, out var server, out var tool, out var error))
            {
                return (null, $"Node '{context.Node.Id}': {error}");
            }

            if (skills.FindDomain(skill.Domain) is not { } domain)
            {
                return (null, $"Node '{context.Node.Id}': skill {skill.Id} names {entry}, but its domain '{skill.Domain}' has no DOMAIN.md with mcp_servers.");
            }

            try
            {
                tools.AddRange(await mcpTools.GetToolsAsync(domain, server!, tool, cancellationToken));
            }
            catch (InvalidOperationException ex)
            {
                return (null, $"Node '{context.Node.Id}': {ex.Message}");
            }
        }

        var byName = new Dictionary<string, NodeTool>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            if (!byName.TryAdd(tool.Function.Name, tool))
            {
                return (null, $"Node '{context.Node.Id}': two of its tools are called '{tool.Function.Name}' ({byName[tool.Function.Name].Source} and {tool.Source}); list one of them.");
            }
        }

        run.Details["tools"] = new JsonArray([.. byName.Values.Select(t => (JsonNode)new JsonObject { ["name"] = t.Function.Name, ["source"] = t.Source })]);
        var injection = InjectionPolicyOf(skill);
        return (new ToolSession(byName, context.Node.MaxToolCalls ?? skill.MaxToolCalls, skill.ToolTimeout)
        {
            // Once a human approved going on despite a finding, the node's tool results are only recorded.
            InjectionPolicy = injection == Safety.InjectionPolicy.Approve && context.InjectionApproved ? Safety.InjectionPolicy.Warn : injection,
        }, null);
    }
}
