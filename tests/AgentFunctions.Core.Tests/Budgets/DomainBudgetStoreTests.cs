using AgentFunctions.Core.Budgets;
using AgentFunctions.Core.Storage;
using AgentFunctions.TestSupport;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Budgets;

/// <summary>Domain budgets in Table storage on a real Azurite: limits, exactly-once settlement, and no overspending under concurrency.</summary>
public sealed class DomainBudgetStoreTests
{
    private readonly DomainBudgetStore _store;

    public DomainBudgetStoreTests()
    {
        var account = SharedAzurite.ClientsAsync().GetAwaiter().GetResult();
        var options = new BudgetOptions { Table = $"Budgets{Guid.NewGuid():N}"[..20] };
        options.Domains["hr"] = new DomainLimits { DailyUsd = 1.00m, MonthlyUsd = 10m };
        options.Domains["tiny"] = new DomainLimits { MonthlyUsd = 0.05m };
        _store = new DomainBudgetStore(account, new DomainBudgetLimits(Options.Create(options)), Options.Create(options), TimeProvider.System);
        _store.EnsureCreatedAsync().GetAwaiter().GetResult();
    }

    [Fact]
    public async Task TryReserve_ConcurrentCallsAgainstOneDailyLimit_NeverOverspend()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _store.TryReserveAsync("hr", $"run{i}|n|1", 0.10m, force: false)));

        Assert.Equal(10, results.Count(r => r is null));
        Assert.All(results.Where(r => r is not null), r => Assert.Contains("daily budget $1", r, StringComparison.Ordinal));
        var status = await _store.GetStatusAsync("hr");
        Assert.Equal(1.00m, status.Day.ReservedUsd);
        Assert.Equal(BudgetHealth.Exceeded, status.Day.Health);
    }

    [Fact]
    public async Task TryReserve_SameKeyTwice_ReservesOnce()
    {
        Assert.Null(await _store.TryReserveAsync("hr", "r|n|1", 0.40m, force: false));
        Assert.Null(await _store.TryReserveAsync("hr", "r|n|1", 0.40m, force: false));

        Assert.Equal(0.40m, (await _store.GetStatusAsync("hr")).Day.ReservedUsd);
    }

    [Fact]
    public async Task Settle_AddsActualCostOnceAndReleasesTheReservation()
    {
        await _store.TryReserveAsync("hr", "r|n|1", 0.50m, force: false);

        await _store.SettleAsync("hr", "r|n|1", 0.20m);
        await _store.SettleAsync("hr", "r|n|1", 0.20m);

        var status = await _store.GetStatusAsync("hr");
        Assert.Equal((0.20m, 0m), (status.Day.SpentUsd, status.Day.ReservedUsd));
        Assert.Equal(0.20m, status.Month.SpentUsd);
        Assert.Equal(0, status.Reservations);
    }

    [Fact]
    public async Task TryReserve_MonthlyLimit_RefusesWithTheReason()
    {
        var refusal = await _store.TryReserveAsync("tiny", "r|n|1", 0.06m, force: false);

        Assert.Contains("domain 'tiny' monthly budget $0.05 would be exceeded", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryReserve_Forced_RecordsEvenOverTheLimit()
    {
        Assert.Null(await _store.TryReserveAsync("tiny", "r|n|1", 0.06m, force: true));
        Assert.Equal(BudgetHealth.Exceeded, (await _store.GetStatusAsync("tiny")).Health);
    }

    [Theory]
    [InlineData(0.50, BudgetHealth.Healthy)]
    [InlineData(0.75, BudgetHealth.Warning)]
    [InlineData(0.90, BudgetHealth.Critical)]
    [InlineData(1.00, BudgetHealth.Exceeded)]
    public async Task Status_FollowsThe75And90PercentThresholds(double spent, BudgetHealth expected)
    {
        await _store.TryReserveAsync("hr", "r|n|1", (decimal)spent, force: false);
        await _store.SettleAsync("hr", "r|n|1", (decimal)spent);

        Assert.Equal(expected, (await _store.GetStatusAsync("hr")).Day.Health);
    }

    [Fact]
    public async Task Status_DomainWithoutLimits_IsHealthyAndStillCountsSpend()
    {
        await _store.TryReserveAsync("free", "r|n|1", 5m, force: false);
        await _store.SettleAsync("free", "r|n|1", 3m);

        var status = await _store.GetStatusAsync("free");
        Assert.Equal((3m, BudgetHealth.Healthy), (status.Month.SpentUsd, status.Health));
    }
}
