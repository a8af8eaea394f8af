namespace AgentFunctions.Core.Tests.Tools;

/// <summary>Diffs against examples/sample-repo written for tests (the model's patches live in examples/sample-repo-patches).</summary>
internal static class SamplePatches
{
    public const string FixAnswer = "fix-answer.diff";

    public const string AddTypeTest = "add-type-test.diff";

    /// <summary>Gets a diff that targets a line that does not exist ("return 40"), so git apply rejects it.</summary>
    public static string DoesNotApply { get; } = CoreDiff("-    return 40", "+    return 42");

    /// <summary>Gets a diff that applies cleanly but is wrong (41 → 43), so the test still fails.</summary>
    public static string WrongAnswer { get; } = CoreDiff("-    return 41", "+    return 43");

    /// <summary>Builds a diff of the last lines of answer/core.py (lines 6-9), with explicit "\n" so no editor trims the blank context line.</summary>
    public static string CoreDiff(params string[] changes) => Lines(
        [
            "diff --git a/answer/core.py b/answer/core.py",
            "--- a/answer/core.py",
            "+++ b/answer/core.py",
            $"@@ -6,{3 + changes.Count(c => c.StartsWith('-'))} +6,{3 + changes.Count(c => c.StartsWith('+'))} @@ def answer():",
            " ",
            "     The answer to life is 42 (Douglas Adams, \"The Hitchhiker's Guide to the Galaxy\").",
            "     \"\"\"",
            .. changes,
        ]);

    public static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";
}
