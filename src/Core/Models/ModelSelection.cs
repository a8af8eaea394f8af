using Microsoft.Extensions.AI;

namespace AgentFunctions.Core.Models;

/// <summary>Which client answers a node's model call, and why.</summary>
/// <param name="Client">The client to call.</param>
/// <param name="Provider"><c>openai</c> (any OpenAI-compatible endpoint) or <c>recorded</c>.</param>
/// <param name="Model">The model id used for pricing and reporting (<c>provider/model</c>).</param>
/// <param name="ProviderModel">The model name sent to the provider (without the provider prefix).</param>
/// <param name="Reason">Why this choice was made, for the node's events.</param>
public sealed record ModelSelection(IChatClient Client, string Provider, string Model, string ProviderModel, string Reason);
