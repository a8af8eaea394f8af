using Azure.Core;
using Azure.Core.Pipeline;

namespace AgentFunctions.Core.Tests.Learning;

/// <summary>An Azure SDK pipeline policy that "crashes" once: the next entity-group transaction whose body a predicate picks throws before it is sent.</summary>
public sealed class CrashPolicy : HttpPipelinePolicy
{
    private Func<string, bool>? _crashOn;

    /// <summary>Arms the crash: the next <c>$batch</c> request whose body matches <paramref name="predicate"/> throws and is not sent.</summary>
    /// <param name="predicate">Picks the transaction by its request body (multipart text with each operation's row key).</param>
    public void CrashOnce(Func<string, bool> predicate) => _crashOn = predicate;

    /// <inheritdoc/>
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        ProcessNext(message, pipeline);
    }

    /// <inheritdoc/>
    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Check(HttpMessage message)
    {
        if (_crashOn is not { } crash || !message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) || message.Request.Content is null)
        {
            return;
        }

        using var body = new MemoryStream();
        message.Request.Content.WriteTo(body, CancellationToken.None);
        if (crash(Uri.UnescapeDataString(System.Text.Encoding.UTF8.GetString(body.ToArray()))))
        {
            _crashOn = null;
            throw new IOException("simulated crash: the process died before this transaction was sent");
        }
    }
}
