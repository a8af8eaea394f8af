using System.Globalization;

namespace AgentFunctions.Bench.Report;

internal static class Format
{
    public static string Ms(double ms) => ms >= 100 ? N(ms, "N0") + " ms" : N(ms, ms >= 10 ? "0.0" : "0.00") + " ms";

    public static string Ms(double? ms) => ms is { } v ? Ms(v) : "—";

    public static string Int(double value) => N(value, "N0");

    public static string Num(double value) => N(value, value >= 100 ? "N0" : "0.0");

    public static string N(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Status(Outcome outcome) => outcome switch
    {
        Outcome.Succeeded => "ok",
        Outcome.NotSupported => "**not supported yet**",
        Outcome.TimedOut => "**timed out**",
        _ => "**failed**",
    };

    /// <summary>Escapes a free text for a markdown table cell.</summary>
    public static string Cell(string? text) => (text ?? string.Empty).Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
