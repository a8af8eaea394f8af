using AgentFunctions.Core.Tools.Patches;

namespace AgentFunctions.Core.Tests.Tools;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void Parse_RecordedPatches_NumbersAddedLinesFromHunkHeaders()
    {
        var parsed = UnifiedDiff.Parse(ToolSandbox.Patch(SamplePatches.AddTypeTest) + ToolSandbox.Patch(SamplePatches.FixAnswer));

        Assert.Equal(["tests/test_core.py", "answer/core.py"], parsed.Files);
        Assert.Equal(
            [
                new DiffAddedLine("tests/test_core.py", 12, "    def test_answer_is_an_int(self):"),
                new DiffAddedLine("tests/test_core.py", 13, "        self.assertIsInstance(answer(), int)"),
                new DiffAddedLine("tests/test_core.py", 14, string.Empty),
                new DiffAddedLine("answer/core.py", 9, "    return 42"),
            ],
            parsed.AddedLines);
    }

    [Fact]
    public void Parse_RemovedLineLooksLikeHeader_StaysInHunk()
    {
        var diff = SamplePatches.Lines(
            "--- a/notes.txt",
            "+++ b/notes.txt",
            "@@ -1,2 +1,2 @@",
            "--- old separator",
            "+++ new separator",
            " tail");

        var parsed = UnifiedDiff.Parse(diff);

        Assert.Equal(["notes.txt"], parsed.Files);
        Assert.Equal([new DiffAddedLine("notes.txt", 1, "++ new separator")], parsed.AddedLines);
    }

    [Fact]
    public void Parse_NewAndDeletedFiles_TracksPaths()
    {
        var diff = SamplePatches.Lines(
            "diff --git a/old.py b/old.py",
            "deleted file mode 100644",
            "--- a/old.py",
            "+++ /dev/null",
            "@@ -1 +0,0 @@",
            "-print('bye')",
            "diff --git a/new.py b/new.py",
            "new file mode 100644",
            "--- /dev/null",
            "+++ b/new.py",
            "@@ -0,0 +1,2 @@",
            "+print('hi')",
            "+print('there')");

        var parsed = UnifiedDiff.Parse(diff);

        Assert.Equal(["old.py", "new.py"], parsed.Files);
        Assert.Equal([1, 2], parsed.AddedLines.Select(l => l.Line));
        Assert.All(parsed.AddedLines, l => Assert.Equal("new.py", l.File));
    }
}
