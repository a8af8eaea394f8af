namespace AgentFunctions.Core;

/// <summary>How this process is hosted, as <c>GET /api/health</c> reports it.</summary>
/// <param name="Mode"><c>functions</c> when the Azure Functions host runs it, <c>standalone</c> when it runs without one.</param>
/// <param name="Storage"><c>azure</c>, <c>azure-identity</c> or <c>azurite</c>.</param>
public sealed record HostingInfo(string Mode, string Storage);
