using System.Globalization;

namespace AgentFunctions.Core;

/// <summary>Parsing and formatting of the units used in skills, graphs and configuration: durations and USD amounts.</summary>
public static class Units
{
    /// <summary>Parses a duration written as a number and a unit: <c>500ms</c>, <c>30s</c>, <c>2m</c>, <c>1h</c> (a bare number means seconds).</summary>
    /// <param name="text">The text.</param>
    /// <param name="duration">The parsed duration when the result is true.</param>
    /// <returns>True when <paramref name="text"/> is a positive duration of at most 24 hours.</returns>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        (string number, double factorMs) = s switch
        {
            _ when s.EndsWith("ms", StringComparison.Ordinal) => (s[..^2], 1d),
            _ when s.EndsWith('s') => (s[..^1], 1_000d),
            _ when s.EndsWith('m') => (s[..^1], 60_000d),
            _ when s.EndsWith('h') => (s[..^1], 3_600_000d),
            _ => (s, 1_000d),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return false;
        }

        var ms = value * factorMs;
        if (ms > TimeSpan.FromHours(24).TotalMilliseconds)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    /// <summary>Parses an amount in USD written as <c>0.05</c> or <c>"$0.05"</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="usd">The amount when the result is true.</param>
    /// <returns>True when <paramref name="text"/> is a non-negative amount.</returns>
    public static bool TryParseUsd(string? text, out decimal usd)
    {
        usd = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return decimal.TryParse(text.Trim().TrimStart('$'), NumberStyles.Number, CultureInfo.InvariantCulture, out usd) && usd >= 0;
    }

    /// <summary>Formats an amount in USD with up to 6 decimals, invariant culture, no currency sign (<c>0.000123</c>).</summary>
    /// <param name="usd">The amount.</param>
    /// <returns>The text.</returns>
    public static string FormatUsd(decimal usd) => decimal.Round(usd, 6).ToString("0.######", CultureInfo.InvariantCulture);
}
