namespace AgentFunctions.Core.Learning.Storage;

/// <summary>The id prefixes the knowledge store allocates, one counter per skill and kind.</summary>
internal static class IdKinds
{
    /// <summary>Corrections: <c>CORR-000001</c>.</summary>
    public const string Correction = "CORR";

    /// <summary>Reflexion rules: <c>REFL-001</c>.</summary>
    public const string Rule = "REFL";

    /// <summary>Regression tests: <c>TEST-001</c>.</summary>
    public const string Test = "TEST";

    /// <summary>Validation runs: <c>VAL-001</c>.</summary>
    public const string Validation = "VAL";
}
