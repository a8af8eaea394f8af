using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AgentFunctions.Core.Learning.Storage;

/// <summary>
/// Partition and row keys of the knowledge table. A skill id <c>domain/skill</c> cannot be a key (<c>/</c> is forbidden),
/// so each part is escaped (characters other than letters, digits, <c>-_.:@</c> become <c>!</c> + 4 hex digits) and the
/// parts are joined with <c>~</c>: <c>hr/resume-screen</c> → <c>hr~resume-screen</c>. Row keys start with the kind.
/// </summary>
internal static class KnowledgeKeys
{
    /// <summary>The partition listing every skill that has knowledge (row key = the skill's partition).</summary>
    public const string SkillsPartition = "~skills";

    public const string CorrectionPrefix = "corr|";
    public const string DedupPrefix = "dedup|";
    public const string RulePrefix = "refl|";
    public const string TestPrefix = "test|";
    public const string ValidationPrefix = "val|";
    public const string TestResultPrefix = "vtest|";
    public const string RuleResultPrefix = "vrule|";
    public const string ExecutionPrefix = "exec|";
    public const string CounterPrefix = "counter|";

    /// <summary>Gets the partition key of a skill.</summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <returns>The escaped key, such as <c>hr~resume-screen</c>.</returns>
    /// <exception cref="ArgumentException">The id is not <c>domain/skill</c>.</exception>
    public static string Partition(string skillId)
    {
        CheckSkillId(skillId);
        var slash = skillId.IndexOf('/', StringComparison.Ordinal);
        return Escape(skillId[..slash]) + "~" + Escape(skillId[(slash + 1)..]);
    }

    /// <summary>Throws unless <paramref name="skillId"/> is <c>domain/skill</c> with two non-empty parts.</summary>
    /// <param name="skillId">The skill id.</param>
    /// <exception cref="ArgumentException">It is not.</exception>
    public static void CheckSkillId(string skillId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(skillId);
        var slash = skillId.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == skillId.Length - 1 || skillId.IndexOf('/', slash + 1) >= 0)
        {
            throw new ArgumentException($"A skill id is 'domain/skill'; got '{skillId}'.", nameof(skillId));
        }
    }

    public static string Correction(string id) => CorrectionPrefix + id;

    public static string Rule(string id) => RulePrefix + id;

    public static string Test(string id) => TestPrefix + id;

    public static string Validation(string id) => ValidationPrefix + id;

    public static string TestResult(string validationId, string testId) => $"{TestResultPrefix}{validationId}|{testId}";

    public static string RuleResult(string validationId, string ruleId) => $"{RuleResultPrefix}{validationId}|{ruleId}";

    public static string Counter(string kind) => CounterPrefix + kind;

    /// <summary>The execution row: one per run, node and attempt.</summary>
    public static string Execution(string runId, string nodeId, int attempt) =>
        $"{ExecutionPrefix}{Escape(runId)}|{Escape(nodeId)}|{attempt.ToString("D4", CultureInfo.InvariantCulture)}";

    /// <summary>The duplicate-detection row of a correction: a hash of the run, node and normalised text.</summary>
    public static string Dedup(string runId, string nodeId, string normalisedText)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{runId}\n{nodeId}\n{normalisedText}"));
        return DedupPrefix + Convert.ToHexStringLower(hash)[..40];
    }

    /// <summary>Escapes one key part: keeps letters, digits and <c>-_.:@</c>, writes anything else as <c>!</c> + 4 hex digits.</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('!').Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Formats an id from a counter value: <c>CORR-000001</c>, <c>REFL-001</c>, <c>TEST-001</c>, <c>VAL-001</c>.</summary>
    public static string FormatId(string kind, long number) =>
        kind + "-" + number.ToString(kind == IdKinds.Correction ? "D6" : "D3", CultureInfo.InvariantCulture);

    /// <summary>Reads the number of an id such as <c>REFL-012</c> (for numeric ordering); 0 when it has none.</summary>
    public static long NumberOf(string id)
    {
        var dash = id.LastIndexOf('-');
        return dash >= 0 && long.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }
}
