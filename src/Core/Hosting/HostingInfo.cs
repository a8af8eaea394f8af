namespace AgentFunctions.Core.Hosting;

/// <summary>How this process is hosted, as <c>GET /api/health</c> reports it.</summary>
/// <param name="Mode"><c>custom-handler</c> when started by the Functions host (queue triggers come from the host), else <c>standalone</c> (the app polls the queues itself).</param>
/// <param name="Storage"><c>azure</c>, <c>azurite</c> or <c>in-memory</c>.</param>
public sealed record HostingInfo(string Mode, string Storage);
