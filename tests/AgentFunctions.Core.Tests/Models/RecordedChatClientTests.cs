using AgentFunctions.Core.Models;
using AgentFunctions.Core.Models.Recorded;
using Microsoft.Extensions.AI;

namespace AgentFunctions.Core.Tests.Models;

public sealed class RecordedChatClientTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("recordings-").FullName;
    private readonly RecordingStore _store;

    public RecordedChatClientTests() => _store = new RecordingStore(_dir);

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static ChatOptions Call(string skill, string key) => new()
    {
        AdditionalProperties = new() { [ModelCallProperties.SkillId] = skill, [ModelCallProperties.InputKey] = key },
    };

    [Fact]
    public async Task GetResponse_StoredResponse_ReplaysItWithUsageAndRecordedFlag()
    {
        await _store.AppendAsync("eng/planner", new RecordedResponse("k1", "openai/gpt-4o-mini", 100, 20, DateTimeOffset.UnixEpoch, "hand-written", "", "{\"ok\":true}"));
        using var client = new RecordedChatClient(new RecordingStore(_dir), TimeSpan.Zero);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], Call("eng/planner", "k1"));

        Assert.Equal("{\"ok\":true}", response.Text);
        Assert.Equal(100, response.Usage!.InputTokenCount);
        Assert.Equal(20, response.Usage.OutputTokenCount);
        Assert.Equal("openai/gpt-4o-mini", response.ModelId);
        Assert.Equal(true, response.AdditionalProperties![ModelCallProperties.Recorded]);
    }

    [Fact]
    public async Task GetResponse_NoRecording_FailsNamingTheSkillAndHowToConfigureALiveModel()
    {
        using var client = new RecordedChatClient(_store, TimeSpan.Zero);

        var ex = await Assert.ThrowsAsync<RecordingNotFoundException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], Call("eng/planner", "nope")));

        Assert.Contains("'eng/planner'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Models__OpenAI__ApiKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordingClient_StoresLiveResponses_ThatReplayLater()
    {
        using var live = new FakeChatClient("{\"answer\":42}");
        using var recording = new RecordingChatClient(live, _store, "openai/gpt-4o-mini", TimeProvider.System);

        await recording.GetResponseAsync([new ChatMessage(ChatRole.User, "question")], Call("eng/planner", "k2"));
        using var replay = new RecordedChatClient(new RecordingStore(_dir), TimeSpan.Zero);
        var replayed = await replay.GetResponseAsync([new ChatMessage(ChatRole.User, "question")], Call("eng/planner", "k2"));

        Assert.Equal("{\"answer\":42}", replayed.Text);
        Assert.Equal(1, live.Calls);
        Assert.True(File.Exists(Path.Combine(_dir, "eng", "planner.json")));
    }

    private sealed class FakeChatClient(string answer) : IChatClient
    {
        public int Calls { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)) { Usage = new UsageDetails { InputTokenCount = 5, OutputTokenCount = 3 } });
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
