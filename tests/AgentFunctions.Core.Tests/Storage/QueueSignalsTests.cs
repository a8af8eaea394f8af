using AgentFunctions.Core.Storage;

namespace AgentFunctions.Core.Tests.Storage;

public sealed class QueueSignalsTests
{
    [Fact]
    public async Task Notify_BeforeTheWait_WakesTheNextWaitAtOnce()
    {
        var signals = new QueueSignals();
        signals.Notify("work");
        Assert.True(await signals.WaitAsync("work", TimeSpan.FromMinutes(5), CancellationToken.None));
    }

    [Fact]
    public async Task ManyNotifies_CoalesceIntoOneWakeUp()
    {
        var signals = new QueueSignals();
        signals.Notify("work");
        signals.Notify("work");
        Assert.True(await signals.WaitAsync("work", TimeSpan.FromMinutes(5), CancellationToken.None));
        Assert.False(await signals.WaitAsync("work", TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Notify_OtherQueue_DoesNotWakeThisOne()
    {
        var signals = new QueueSignals();
        signals.Notify("orchestrator");
        Assert.False(await signals.WaitAsync("work", TimeSpan.FromMilliseconds(1), CancellationToken.None));
    }

    [Fact]
    public async Task Notify_DuringTheWait_EndsIt()
    {
        var signals = new QueueSignals();
        var waiting = signals.WaitAsync("work", TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        signals.Notify("work");
        Assert.True(await waiting.WaitAsync(TimeSpan.FromMinutes(1)));
    }
}
