using System.Text.Json.Nodes;
using Xunit;

namespace AgentFunctions.TestSupport;

/// <summary>
/// A real Azurite and the real app configured with a "live" OpenAI-compatible model: a local server speaking the wire
/// protocol whose answers come from <see cref="Answer"/>. Subclasses choose the answers and extra settings.
/// </summary>
public abstract class LiveAppFixture : IAsyncLifetime
{
    private AppHarness? _app;
    private FakeOpenAIServer? _model;

    /// <summary>Gets the running app.</summary>
    public AppHarness App => _app ?? throw new InvalidOperationException("Not started.");

    /// <summary>Gets the model server and the requests it received.</summary>
    public FakeOpenAIServer Model => _model ?? throw new InvalidOperationException("Not started.");

    /// <summary>Gets extra app settings (environment variables).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        _model = FakeOpenAIServer.Start(Answer);
        var settings = new Dictionary<string, string>(Settings)
        {
            ["Models__OpenAI__Endpoint"] = _model.Endpoint.ToString(),
            ["Models__OpenAI__ApiKey"] = "test-key",
        };
        _app = await AppHarness.StartAsync(settings);
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_model is not null)
        {
            await _model.DisposeAsync();
        }
    }

    /// <summary>Chooses the model's answer for a chat-completions request body.</summary>
    /// <param name="request">The request body.</param>
    /// <returns>The assistant's text.</returns>
    protected abstract string Answer(JsonObject request);
}
