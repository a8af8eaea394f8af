using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentFunctions.Core.Tools.Testing;

/// <summary>
/// Reads the summary of Python's unittest (<c>Ran 3 tests in 0.01s</c> then <c>OK</c> or
/// <c>FAILED (failures=1, errors=2)</c>) and, as a fallback, pytest's last line (<c>1 failed, 2 passed in 0.1s</c>).
/// </summary>
public static partial class TestOutputParser
{
    /// <summary>Parses the counts from a test run's combined output; the last summary wins.</summary>
    /// <param name="output">Standard output and standard error of the run.</param>
    /// <returns>The counts; all zero with <see cref="TestCounts.SummaryFound"/> false when no summary is recognised.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
    public static TestCounts Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var ran = UnittestRan().Matches(output);
        if (ran.Count > 0)
        {
            var last = ran[^1];
            var testsRun = int.Parse(last.Groups["n"].Value, CultureInfo.InvariantCulture);
            var status = UnittestStatus().Match(output, last.Index);
            var details = status.Success ? status.Groups["details"].Value : string.Empty;
            return new TestCounts(testsRun, Count(details, "failures"), Count(details, "errors"), Count(details, "skipped"), SummaryFound: true);
        }

        var pytest = PytestSummary().Matches(output);
        if (pytest.Count > 0)
        {
            var line = pytest[^1].Value;
            var passed = PytestCount(line, "passed");
            var failed = PytestCount(line, "failed");
            var errors = PytestCount(line, "errors?");
            var skipped = PytestCount(line, "skipped");
            return new TestCounts(passed + failed + errors, failed, errors, skipped, SummaryFound: true);
        }

        return new TestCounts(0, 0, 0, 0, SummaryFound: false);
    }

    private static int Count(string details, string key)
    {
        var match = Regex.Match(details, $@"\b{key}=(\d+)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private static int PytestCount(string line, string word)
    {
        var match = Regex.Match(line, $@"(\d+) {word}\b", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"^Ran (?<n>\d+) tests? in ", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex UnittestRan();

    [GeneratedRegex(@"^(?:OK|FAILED|NO TESTS RAN)(?: \((?<details>[^)]*)\))?\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex UnittestStatus();

    [GeneratedRegex(@"^=*\s*(?:\d+ (?:passed|failed|errors?|skipped|deselected|xfailed|xpassed|warnings?)(?:, )?)+ in [\d.]+s\b.*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex PytestSummary();
}
