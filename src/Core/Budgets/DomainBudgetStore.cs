using System.Diagnostics;
using System.Globalization;
using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Telemetry;
using Azure.Data.Tables;
using Azure;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Budgets;

/// <summary>
/// Daily and monthly spend per domain in Table storage, safe under concurrency: each domain is one partition with a row
/// per period (<c>day|2026-11-21</c>, <c>month|2026-11</c>) and a row per reservation (<c>res|&lt;key&gt;</c>). Reserving
/// inserts the reservation row and touches both period rows in <b>one entity-group transaction guarded by their ETags</b>,
/// so two runs that read the same totals cannot both take the last dollar: one transaction fails with 412 and re-checks.
/// Settling deletes the reservation and adds the actual cost in one transaction, so it happens exactly once per key.
/// </summary>
public sealed partial class DomainBudgetStore
{
    private const string ReservationPrefix = "res|";
    private const int MaxConflictRetries = 30;
    private readonly TableClient _table;
    private readonly DomainBudgetLimits _limits;
    private readonly BudgetOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the store.</summary>
    /// <param name="clients">The storage clients.</param>
    /// <param name="limits">Limits per domain.</param>
    /// <param name="options">Table name and reservation lifetime.</param>
    /// <param name="time">Clock (periods are UTC days and months).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public DomainBudgetStore(StorageClients clients, DomainBudgetLimits limits, IOptions<BudgetOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _table = clients.Tables.GetTableClient(_options.Table);
        _limits = limits;
        _time = time;
    }

    /// <summary>Creates the table if missing.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the table exists.</returns>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => await _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Reserves <paramref name="amountUsd"/> against the domain's daily and monthly limits, once per <paramref name="key"/>.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="key">Idempotency key of the call, e.g. <c>run|node|attempt</c> (no <c>/ \ # ?</c>); reserving a key twice reserves once.</param>
    /// <param name="amountUsd">Upper bound of the call's cost, USD.</param>
    /// <param name="force">True to record the reservation even over the limit (a human approved the call).</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>Null when reserved (or already reserved); otherwise why the limit refuses it.</returns>
    /// <exception cref="RequestFailedException">Storage failed, or the totals kept changing for 30 attempts.</exception>
    public async Task<string?> TryReserveAsync(string domain, string key, decimal amountUsd, bool force, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        ArgumentException.ThrowIfNullOrEmpty(key);
        for (var attempt = 1; ; attempt++)
        {
            var now = _time.GetUtcNow();
            if (await _table.GetOrNullAsync(domain, ReservationPrefix + key, cancellationToken) is not null)
            {
                return null;
            }

            var state = await LoadAsync(domain, now, cancellationToken);
            var limits = _limits.For(domain);
            var refusal = force ? null
                : Refuse(domain, "daily", state.Day, limits.DailyUsd, state.ReservedUsd, amountUsd)
                  ?? Refuse(domain, "monthly", state.Month, limits.MonthlyUsd, state.ReservedUsd, amountUsd);
            if (refusal is not null)
            {
                return refusal;
            }

            var reservation = new TableEntity(domain, ReservationPrefix + key)
            {
                ["AmountUsd"] = amountUsd.ToString(CultureInfo.InvariantCulture),
                ["Day"] = state.Day.Key,
                ["Month"] = state.Month.Key,
                ["CreatedAt"] = now,
                ["ExpiresAt"] = now + _options.ReservationLifetime,
            };
            try
            {
                await _table.SubmitTransactionAsync(
                    [new TableTransactionAction(TableTransactionActionType.Add, reservation), Touch(state.Day, 0), Touch(state.Month, 0)],
                    cancellationToken);
                return null;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404 && attempt < MaxConflictRetries)
            {
                // Another reservation or settlement changed the totals, or reserved this key: look again.
            }
        }
    }

    /// <summary>Settles a reservation: removes it and adds the actual cost to its day and month. Settling twice changes nothing.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="key">The key given to <see cref="TryReserveAsync"/>.</param>
    /// <param name="actualUsd">What the call cost, USD (0 for a call that never happened).</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>A task that completes when settled.</returns>
    /// <exception cref="RequestFailedException">Storage failed, or the totals kept changing for 30 attempts.</exception>
    public async Task SettleAsync(string domain, string key, decimal actualUsd, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var reservation = await _table.GetOrNullAsync(domain, ReservationPrefix + key, cancellationToken);
            if (reservation is null)
            {
                return; // already settled (or released)
            }

            var day = await ReadPeriodAsync(domain, "day", reservation.GetString("Day")!, cancellationToken);
            var month = await ReadPeriodAsync(domain, "month", reservation.GetString("Month")!, cancellationToken);
            try
            {
                await _table.SubmitTransactionAsync(
                    [new TableTransactionAction(TableTransactionActionType.Delete, reservation, reservation.ETag), Touch(day, actualUsd), Touch(month, actualUsd)],
                    cancellationToken);
                var limits = _limits.For(domain);
                RecordUse(domain, "day", day.SpentUsd + actualUsd, limits.DailyUsd);
                RecordUse(domain, "month", month.SpentUsd + actualUsd, limits.MonthlyUsd);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404 && attempt < MaxConflictRetries)
            {
                // Changed under us: look again.
            }
        }
    }

    /// <summary>Reads a domain's budget now: today, this month, and the live reservations.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The status.</returns>
    public async Task<DomainBudgetStatus> GetStatusAsync(string domain, CancellationToken cancellationToken = default)
    {
        var state = await LoadAsync(domain, _time.GetUtcNow(), cancellationToken);
        var limits = _limits.For(domain);
        BudgetPeriodStatus Status(PeriodRow row, decimal? limit) =>
            new(row.Period, row.Key, limit, row.SpentUsd, state.ReservedUsd, BudgetPeriodStatus.Classify(row.SpentUsd + state.ReservedUsd, limit));
        return new DomainBudgetStatus(domain, Status(state.Day, limits.DailyUsd), Status(state.Month, limits.MonthlyUsd), state.Reservations);
    }

    // Budget use per domain and period (agentfunctions.budget.spent / .utilization), as of this settlement.
    private static void RecordUse(string domain, string period, decimal spentUsd, decimal? limitUsd)
    {
        var tags = new TagList { { TelemetryTags.Domain, domain }, { TelemetryTags.BudgetPeriod, period } };
        AgentMetrics.BudgetSpent.Record((double)spentUsd, tags);
        if (limitUsd is > 0 and { } limit)
        {
            AgentMetrics.BudgetUtilization.Record((double)(spentUsd / limit), tags);
        }
    }

    private static string? Refuse(string domain, string period, PeriodRow row, decimal? limit, decimal reserved, decimal amount) =>
        limit is { } l && row.SpentUsd + reserved + amount > l
            ? $"domain '{domain}' {period} budget ${Units.FormatUsd(l)} would be exceeded (spent ${Units.FormatUsd(row.SpentUsd)}, reserved ${Units.FormatUsd(reserved)}, this call up to ${Units.FormatUsd(amount)})"
            : null;
}
