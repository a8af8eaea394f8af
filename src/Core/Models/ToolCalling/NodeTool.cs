using AgentFunctions.Core.Skills.Schemas;
using Microsoft.Extensions.AI;

namespace AgentFunctions.Core.Models.ToolCalling;

/// <summary>A tool offered to a node's model: the function the model calls, where it comes from, and its parameter schema
/// parsed once so every call's arguments can be checked before it runs.</summary>
/// <param name="Function">The function (its <see cref="AIFunctionDeclaration.JsonSchema"/> is what the model sees).</param>
/// <param name="Source"><c>project</c> or <c>mcp:&lt;server&gt;</c>.</param>
/// <param name="Schema">The parsed parameter schema, or null when it could not be parsed (arguments are then not checked).</param>
public sealed record NodeTool(AIFunction Function, string Source, JsonSchema? Schema);
