using System.Text.Json;
using System.Text.RegularExpressions;

namespace AgentFunctions.Core.Safety.Pii;

/// <summary>
/// The tokens of one run: each distinct value of a kind gets the next number, so <c>jane@example.com</c> is <c>&lt;EMAIL_1&gt;</c> in
/// every node of the run. Serialized as JSON <c>{"email": ["jane@example.com", …], …}</c> (index + 1 is the number); the
/// <see cref="IPiiTokenVault"/> stores it encrypted. Not thread-safe.
/// </summary>
public sealed partial class PiiTokenMap
{
    private readonly Dictionary<PiiKind, List<string>> _values = [];
    private readonly Dictionary<(PiiKind, string), int> _numbers = [];

    /// <summary>Gets how many values the map holds.</summary>
    public int Count => _numbers.Count;

    /// <summary>The token of a kind and number.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="number">The number, from 1.</param>
    /// <returns><c>&lt;EMAIL_1&gt;</c>.</returns>
    public static string Token(PiiKind kind, int number) => $"<{kind.ToString().ToUpperInvariant()}_{number}>";

    /// <summary>Reads a serialized map.</summary>
    /// <param name="json">UTF-8 JSON from <see cref="ToJson"/>.</param>
    /// <returns>The map.</returns>
    /// <exception cref="JsonException">The JSON is not a map.</exception>
    public static PiiTokenMap FromJson(ReadOnlySpan<byte> json)
    {
        var map = new PiiTokenMap();
        foreach (var (kind, values) in JsonSerializer.Deserialize<Dictionary<string, List<string>>>(json) ?? [])
        {
            foreach (var value in values)
            {
                map.Add(Enum.Parse<PiiKind>(kind, ignoreCase: true), value);
            }
        }

        return map;
    }

    /// <summary>Whether the map has a token for the value.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when known.</returns>
    public bool Contains(PiiKind kind, string value) => _numbers.ContainsKey((kind, value));

    /// <summary>Gives the value the next number of its kind, unless it has one.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when the value was new.</returns>
    public bool Add(PiiKind kind, string value)
    {
        if (_numbers.ContainsKey((kind, value)))
        {
            return false;
        }

        if (!_values.TryGetValue(kind, out var list))
        {
            _values[kind] = list = [];
        }

        list.Add(value);
        _numbers[(kind, value)] = list.Count;
        return true;
    }

    /// <summary>Replaces each match by its token.</summary>
    /// <param name="text">The text the matches were found in.</param>
    /// <param name="matches">The matches, by position, none overlapping; each must be in the map.</param>
    /// <returns>The redacted text.</returns>
    /// <exception cref="KeyNotFoundException">A match's value is not in the map.</exception>
    public string Redact(string text, IReadOnlyList<PiiMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(matches);
        if (matches.Count == 0)
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length);
        var at = 0;
        foreach (var match in matches)
        {
            builder.Append(text, at, match.Start - at).Append(Token(match.Kind, _numbers[(match.Kind, match.Value)]));
            at = match.Start + match.Length;
        }

        return builder.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>Replaces every token of this map in the text by its value; unknown tokens stay.</summary>
    /// <param name="text">A model's answer.</param>
    /// <returns>The text with real values.</returns>
    public string Restore(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Count == 0 || !text.Contains('<', StringComparison.Ordinal)
            ? text
            : TokenPattern().Replace(text, m =>
                Enum.TryParse<PiiKind>(m.Groups[1].Value, ignoreCase: true, out var kind)
                && _values.TryGetValue(kind, out var list)
                && int.TryParse(m.Groups[2].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= list.Count
                    ? list[n - 1]
                    : m.Value);
    }

    /// <summary>Serializes the map.</summary>
    /// <returns>UTF-8 JSON.</returns>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(_values.ToDictionary(kv => kv.Key.ToString().ToLowerInvariant(), kv => kv.Value));

    [GeneratedRegex(@"<(EMAIL|CARD|IBAN|SSN|PHONE|IP|NAME)_(\d{1,6})>", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TokenPattern();
}
