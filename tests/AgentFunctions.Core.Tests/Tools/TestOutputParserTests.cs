using AgentFunctions.Core.Tools.Testing;

namespace AgentFunctions.Core.Tests.Tools;

public sealed class TestOutputParserTests
{
    [Fact]
    public void Parse_UnittestOk_CountsTests()
    {
        var counts = TestOutputParser.Parse("...\n----------------------------------------------------------------------\nRan 3 tests in 0.002s\n\nOK (skipped=1)\n");

        Assert.Equal(new TestCounts(3, 0, 0, 1, SummaryFound: true), counts);
    }

    [Fact]
    public void Parse_UnittestFailuresAndErrors_CountsBoth()
    {
        var counts = TestOutputParser.Parse("Ran 5 tests in 0.010s\n\nFAILED (failures=2, errors=1)\n");

        Assert.Equal(new TestCounts(5, 2, 1, 0, SummaryFound: true), counts);
    }

    [Fact]
    public void Parse_PytestSummary_CountsPassedAndFailed()
    {
        var counts = TestOutputParser.Parse("tests/test_core.py .F\n=========== 1 failed, 1 passed in 0.05s ===========\n");

        Assert.Equal(new TestCounts(2, 1, 0, 0, SummaryFound: true), counts);
    }

    [Fact]
    public void Parse_NoSummary_ReturnsZeroWithoutSummary()
    {
        var counts = TestOutputParser.Parse("ModuleNotFoundError: No module named 'answer'\n");

        Assert.False(counts.SummaryFound);
        Assert.Equal(0, counts.TestsRun);
    }
}
