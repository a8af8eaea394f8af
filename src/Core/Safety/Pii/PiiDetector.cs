using System.Net;
using System.Text.RegularExpressions;

namespace AgentFunctions.Core.Safety.Pii;

/// <summary>
/// Finds personal data in text by pattern and checksum, most specific kind first so that a span belongs to one kind: e-mail
/// addresses (RFC 5322's common dot-atom form), card numbers (13–19 digits, Luhn check as ISO/IEC 7812-1), IBANs (ISO 13616,
/// mod-97 = 1), US SSNs (<c>ddd-dd-dddd</c> with the SSA's never-issued areas, groups and serials excluded), IPv4 addresses (four octets 0–255), IPv6
/// addresses (<see cref="IPAddress.TryParse(string, out IPAddress)"/>), phone numbers (9–15 digits, E.164's maximum, written with a
/// leading <c>+</c> or at least two separators, so that bare numbers, dates and versions are not taken) and the given names, matched whole-word and case-insensitively. Tokens such as <c>&lt;EMAIL_1&gt;</c> are never matched.
/// Patterns have a 1-second timeout each; a text that times out a pattern fails the scan (<see cref="PiiBlockedException"/>), so unscanned text is never sent.
/// </summary>
public static partial class PiiDetector
{
    /// <summary>Finds every value in the text, in order of position, none overlapping.</summary>
    /// <param name="text">The text.</param>
    /// <param name="names">Personal names to find (values of the domain's <c>pii_name_fields</c>); empty for none.</param>
    /// <returns>The matches, by <see cref="PiiMatch.Start"/>.</returns>
    /// <exception cref="PiiBlockedException">A pattern took longer than its 1 s timeout on the text (the scan fails closed).</exception>
    public static IReadOnlyList<PiiMatch> Find(string text, IReadOnlyCollection<string> names)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(names);
        var found = new List<PiiMatch>();
        Add(found, text, Email(), PiiKind.Email, _ => true);
        Add(found, text, CardNumber(), PiiKind.Card, v => Luhn(Digits(v)));
        Add(found, text, Iban(), PiiKind.Iban, IbanChecks);
        Add(found, text, Ssn(), PiiKind.Ssn, SsnIssuable);
        Add(found, text, Ipv4(), PiiKind.Ip, _ => true);
        Add(found, text, Ipv6(), PiiKind.Ip, v => v.Count(c => c == ':') >= 2 && IPAddress.TryParse(v, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6);
        Add(found, text, Phone(), PiiKind.Phone, v => Digits(v).Length is >= 9 and <= 15 && (v.StartsWith('+') || v.Count(c => c is ' ' or '-' or '.' or '(' or ')') >= 2));
        foreach (var name in names.Where(n => n.Trim().Length >= 2).OrderByDescending(n => n.Length))
        {
            var pattern = new Regex($@"(?<![\p{{L}}\p{{N}}_]){Regex.Escape(name.Trim())}(?![\p{{L}}\p{{N}}_])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            Add(found, text, pattern, PiiKind.Name, _ => true);
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>Whether a digit string passes the Luhn (mod-10) check of ISO/IEC 7812-1.</summary>
    /// <param name="digits">Digits only.</param>
    /// <returns>True when the check digit is right.</returns>
    public static bool Luhn(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }

            sum += d;
        }

        return digits.Length > 0 && sum % 10 == 0;
    }

    private static void Add(List<PiiMatch> found, string text, Regex pattern, PiiKind kind, Func<string, bool> valid)
    {
        try
        {
            for (var m = pattern.Match(text); m.Success; m = m.NextMatch())
            {
                if (valid(m.Value) && !found.Any(f => m.Index < f.Start + f.Length && f.Start < m.Index + m.Length))
                {
                    found.Add(new PiiMatch(kind, m.Index, m.Length, m.Value));
                }
            }
        }
        catch (RegexMatchTimeoutException ex)
        {
            // Fail closed: a text that could not be scanned is not sent anywhere.
            throw new PiiBlockedException(
                $"A text of {text.Length} characters could not be scanned for {kind} PII within {ex.MatchTimeout.TotalSeconds:0.#} s (a pathological input), so it was not sent to the model.");
        }
    }

    private static string Digits(string value) => string.Concat(value.Where(char.IsAsciiDigit));

    private static bool IbanChecks(string value)
    {
        var iban = value.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            var n = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = n > 9 ? (remainder * 100 + n) % 97 : (remainder * 10 + n) % 97;
        }

        return remainder == 1;
    }

    private static bool SsnIssuable(string value)
    {
        var area = int.Parse(value.AsSpan(0, 3), System.Globalization.CultureInfo.InvariantCulture);
        return area is not (0 or 666) && area < 900 && value.AsSpan(4, 2) is not "00" && value.AsSpan(7, 4) is not "0000";
    }

    [GeneratedRegex(@"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CardNumber();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Iban();

    [GeneratedRegex(@"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Ssn();

    [GeneratedRegex(@"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,4}(?![\w-])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Phone();

    [GeneratedRegex(@"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Ipv6();
}
