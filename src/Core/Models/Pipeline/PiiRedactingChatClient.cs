using AgentFunctions.Core.Safety.Pii;
using Microsoft.Extensions.AI;

namespace AgentFunctions.Core.Models.Pipeline;

/// <summary>
/// The provider pipeline's PII layer, just inside the tool loop (<see cref="FunctionInvokingChatClient"/>): every model turn of a call
/// whose <see cref="ModelCallRequest.Pii"/> is set goes to the provider redacted — and so do the logging, telemetry, cache and
/// recording layers below it — and the answer comes back with the real values, so tools run on real values and the tool loop keeps
/// them. Calls without a PII session pass through.
/// </summary>
internal sealed class PiiRedactingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    /// <inheritdoc/>
    /// <exception cref="PiiBlockedException">The domain's policy is block and a turn holds PII.</exception>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (ModelCallScope.Current?.Request.Pii is not { Policy: not Safety.PiiPolicy.Off } pii)
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }

        var redacted = await pii.RedactAsync(messages, cancellationToken);
        var response = await base.GetResponseAsync(redacted, options, cancellationToken);
        pii.Restore(response);
        return response;
    }

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">Always: the router makes non-streaming calls only.</exception>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The model router makes non-streaming calls only.");
}
