using System.Globalization;
using AgentFunctions.Core.Storage;
using Azure.Data.Tables;
using Azure;

namespace AgentFunctions.Core.Budgets;

/// <content>Reading and writing the period rows and summing live reservations.</content>
public sealed partial class DomainBudgetStore
{
    private async Task<DomainState> LoadAsync(string domain, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = await ReadPeriodAsync(domain, "day", now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken);
        var month = await ReadPeriodAsync(domain, "month", now.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture), cancellationToken);
        decimal reserved = 0;
        var count = 0;
        await foreach (var row in _table.QueryPrefixAsync(domain, ReservationPrefix, cancellationToken))
        {
            if (row.GetDateTimeOffset("ExpiresAt") is { } expires && expires > now)
            {
                reserved += Parse(row.GetString("AmountUsd"));
                count++;
            }
        }

        return new DomainState(day, month, reserved, count);
    }

    private async Task<PeriodRow> ReadPeriodAsync(string domain, string period, string key, CancellationToken cancellationToken)
    {
        var entity = await _table.GetOrNullAsync(domain, $"{period}|{key}", cancellationToken);
        return new PeriodRow(domain, period, key, Parse(entity?.GetString("SpentUsd")), entity?.GetLong("Version") ?? 0, entity?.ETag);
    }

    /// <summary>An action that inserts the period row (when new) or merges it under its ETag, adding <paramref name="addUsd"/>.</summary>
    private static TableTransactionAction Touch(PeriodRow row, decimal addUsd)
    {
        var entity = new TableEntity(row.Domain, $"{row.Period}|{row.Key}")
        {
            ["SpentUsd"] = (row.SpentUsd + addUsd).ToString(CultureInfo.InvariantCulture),
            ["Version"] = row.Version + 1,
        };
        return row.ETag is null
            ? new TableTransactionAction(TableTransactionActionType.Add, entity)
            : new TableTransactionAction(TableTransactionActionType.UpdateMerge, entity, row.ETag.Value);
    }

    private static decimal Parse(string? usd) =>
        usd is not null && decimal.TryParse(usd, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : 0;

    private sealed record PeriodRow(string Domain, string Period, string Key, decimal SpentUsd, long Version, ETag? ETag);

    private sealed record DomainState(PeriodRow Day, PeriodRow Month, decimal ReservedUsd, int Reservations);
}
