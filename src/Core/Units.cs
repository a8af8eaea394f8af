using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentFunctions.Core;

/// <summary>Parsing and formatting of the units used in skills, graphs and configuration: durations and USD amounts.</summary>
public static partial class Units
{
    /// <summary>Parses a duration written as a whole number and a unit: <c>500ms</c>, <c>30s</c>, <c>2m</c>, <c>1h</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="duration">The parsed duration when the result is true.</param>
    /// <returns>True when <paramref name="text"/> is a positive duration of at most 24 hours.</returns>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        var match = DurationPattern().Match(text?.Trim() ?? string.Empty);
        if (!match.Success || !long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        duration = match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            _ => TimeSpan.FromHours(amount),
        };
        return duration > TimeSpan.Zero && duration <= TimeSpan.FromHours(24);
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

    [GeneratedRegex("^([0-9]{1,9})(ms|s|m|h)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
