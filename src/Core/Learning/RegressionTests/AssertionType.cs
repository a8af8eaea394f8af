namespace AgentFunctions.Core.Learning.RegressionTests;

/// <summary>The kinds of assertion a regression test makes about the skill's output.</summary>
public static class AssertionType
{
    /// <summary>The value at the path equals the expected JSON (numbers by value, object key order ignored).</summary>
    public const string EqualsValue = "equals";

    /// <summary>The value at the path contains the expected text (case-insensitive), or, for an array, the expected element.</summary>
    public const string Contains = "contains";

    /// <summary>The value at the path does not contain the text (case-insensitive) or element: the corrected mistake must not come back.</summary>
    public const string NotContains = "not-contains";

    /// <summary>The text at the path matches the expected regular expression (.NET syntax compatible with JavaScript for the patterns we derive).</summary>
    public const string Regex = "regex";

    /// <summary>A judge model decides whether the output follows the rubric (the rule text); not deterministic.</summary>
    public const string Rubric = "rubric";
}
