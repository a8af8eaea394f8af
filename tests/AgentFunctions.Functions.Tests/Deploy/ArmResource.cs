using System.Text.Json.Nodes;

namespace AgentFunctions.Functions.Tests.Deploy;

/// <summary>
/// One resource of a compiled ARM template, lifted out of the nested deployments Bicep modules compile to, with the
/// <c>parameters('…')</c> and <c>variables('…')</c> of its template replaced by what they are bound to (see
/// <see cref="ArmTemplate"/>).
/// </summary>
/// <param name="Type">Resource type, e.g. <c>Microsoft.Web/sites</c>.</param>
/// <param name="Name">Name: a literal or an ARM expression <c>[…]</c>.</param>
/// <param name="Condition">The resolved <c>condition</c>, or null when the resource has none (it is always deployed).</param>
/// <param name="Scope">The resolved <c>scope</c> (extension resources such as role assignments), or null.</param>
/// <param name="Body">The whole resource object, values resolved.</param>
/// <param name="Module">The chain of deployment names the resource sits in (empty for the top template), e.g. <c>rbac</c>.</param>
internal sealed record ArmResource(string Type, string Name, JsonNode? Condition, string? Scope, JsonObject Body, string Module)
{
    /// <summary>Gets the resource's <c>properties</c>, or an empty object.</summary>
    public JsonObject Properties => Body["properties"] as JsonObject ?? [];

    /// <summary>Gets a value indicating whether the resource is deployed whatever the parameters (no condition, or <c>true</c>).</summary>
    public bool IsUnconditional => Condition is null || (Condition is JsonValue v && v.TryGetValue<bool>(out var b) && b);
}
