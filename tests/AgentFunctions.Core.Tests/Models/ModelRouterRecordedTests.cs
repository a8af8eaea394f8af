using AgentFunctions.Core.Models;
using AgentFunctions.Core.Models.Recorded;

namespace AgentFunctions.Core.Tests.Models;

/// <summary>Without a live provider the router replays recordings, looked up by skill and input key, as before.</summary>
public sealed class ModelRouterRecordedTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("recordings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task CompleteAsync_NoLiveProvider_ReplaysTheRecordingPricedByItsModel()
    {
        using var store = new RecordingStore(_dir);
        await store.AppendAsync("engineering/planner", new RecordedResponse("input-key-1", "openai/gpt-4o", 1000, 100, DateTimeOffset.UnixEpoch, "hand-written", "", "{\"plan\":1}"));
        using var router = RouterFactory.Create(new Dictionary<string, string?>(), store);

        var result = await router.CompleteAsync(router.Plan(null, null, "openai/gpt-4o-mini"), RouterFactory.Request());

        Assert.Equal(("{\"plan\":1}", "openai/gpt-4o", "recorded", true), (result.Response.Text, result.Model, result.Provider, result.Recorded));
        Assert.Equal((1000 * 2.50m + 100 * 10.00m) / 1_000_000m, result.CostUsd);
    }

    [Fact]
    public async Task CompleteAsync_NoRecording_FailsWithTheRecordedProvidersMessage()
    {
        using var store = new RecordingStore(_dir);
        using var router = RouterFactory.Create(new Dictionary<string, string?>(), store);

        var ex = await Assert.ThrowsAsync<ModelCallFailedException>(() => router.CompleteAsync(router.Plan(null, null, "openai/gpt-4o-mini"), RouterFactory.Request()));

        Assert.Equal(ModelAttemptOutcome.Error, Assert.Single(ex.Attempts).Outcome);
        Assert.StartsWith("No recorded response for skill 'engineering/planner'", ex.Message, StringComparison.Ordinal);
        Assert.IsType<RecordingNotFoundException>(ex.InnerException);
    }
}
