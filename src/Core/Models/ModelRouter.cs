using AgentFunctions.Core.Models.OpenAI;
using AgentFunctions.Core.Models.Recorded;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Models;

/// <summary>
/// Chooses the client for a model call. With a live OpenAI-compatible endpoint configured, <c>openai/…</c> models
/// (or every model, when <c>Models:OpenAI:Model</c> overrides them) go to it — through a recording wrapper in record mode;
/// everything else is replayed by the recorded provider. The reason is reported in the node's events.
/// </summary>
public sealed class ModelRouter : IDisposable
{
    private const string OpenAIPrefix = "openai/";
    private readonly ModelOptions _options;
    private readonly RecordedChatClient _recorded;
    private readonly IChatClient? _live;

    /// <summary>Creates the router.</summary>
    /// <param name="options">Model options.</param>
    /// <param name="store">The recordings store.</param>
    /// <param name="time">Clock for recordings.</param>
    public ModelRouter(IOptions<ModelOptions> options, RecordingStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _recorded = new RecordedChatClient(store, _options.Recorded.ReplayDelay);
        if (_options.OpenAI.IsConfigured)
        {
            IChatClient live = new OpenAIChatClient(_options.OpenAI.Endpoint, _options.OpenAI.ApiKey, _options.OpenAI.Model ?? "gpt-4o-mini", TimeSpan.FromMinutes(5));
            _live = _options.Recorded.Mode == RecordingMode.Record
                ? new RecordingChatClient(live, store, _options.OpenAI.Model ?? "openai/unknown", time)
                : live;
        }
    }

    /// <summary>Gets whether calls can reach a live model.</summary>
    public bool HasLiveModel => _live is not null;

    /// <summary>Chooses the client for a model.</summary>
    /// <param name="modelId">The node's model id <c>provider/model</c>.</param>
    /// <returns>The selection.</returns>
    public ModelSelection Select(string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        if (_live is not null && _options.OpenAI.Model is { Length: > 0 } overrideModel)
        {
            return new ModelSelection(_live, "openai", modelId, overrideModel,
                $"Models:OpenAI:Model sends every call to '{overrideModel}' on the configured endpoint (node asked for {modelId})");
        }

        if (_live is not null && modelId.StartsWith(OpenAIPrefix, StringComparison.Ordinal))
        {
            return new ModelSelection(_live, "openai", modelId, modelId[OpenAIPrefix.Length..],
                _options.Recorded.Mode == RecordingMode.Record
                    ? $"{modelId} on the configured OpenAI-compatible endpoint, recording the response"
                    : $"{modelId} on the configured OpenAI-compatible endpoint");
        }

        var why = _live is null
            ? "no live model is configured (Models:OpenAI), so the recorded response is replayed"
            : $"no live provider serves '{modelId}', so the recorded response is replayed";
        return new ModelSelection(_recorded, "recorded", modelId, modelId, why);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _live?.Dispose();
        _recorded.Dispose();
    }
}
