namespace AgentFunctions.Bench.Report;

/// <summary>One target of issue 5 against what was measured. <see cref="Met"/> is null when this run did not measure it.</summary>
internal sealed record TargetCheck(string Target, string Measured, bool? Met, string Why)
{
    public string Result => Met switch
    {
        true => "**met**",
        false => "**missed**",
        null => "not measured",
    };
}
