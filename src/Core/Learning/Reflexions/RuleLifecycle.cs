namespace AgentFunctions.Core.Learning.Reflexions;

/// <summary>
/// The numbers that move a rule through candidate → active → retired. Counters follow ExpeL (Zhao et al., AAAI 2024):
/// ADD = 2, AGREE/EDIT +1, REMOVE −1, dropped at ≤ 0. Confidence (0–1) is ours: it only ever reflects evidence
/// (restatements and validation results), unlike the seed's similarity-based 0.93 for an untested rule.
/// </summary>
public static class RuleLifecycle
{
    /// <summary>The ExpeL counter of a new rule.</summary>
    public const int AddCounter = 2;

    /// <summary>Confidence of a new rule taken verbatim from a correction.</summary>
    public const double VerbatimConfidence = 0.5;

    /// <summary>Highest confidence a distilled candidate may start with, whatever the model says.</summary>
    public const double MaxInitialConfidence = 0.7;

    /// <summary>Confidence added when another correction restates the rule (AGREE) or refines it (EDIT).</summary>
    public const double AgreeConfidenceStep = 0.05;

    /// <summary>Confidence added when all the rule's regression tests pass in a validation run.</summary>
    public const double PassConfidenceStep = 0.1;

    /// <summary>Confidence removed when one of the rule's regression tests fails in a validation run.</summary>
    public const double FailConfidenceStep = 0.15;

    /// <summary>Lowest confidence (a rule is retired rather than driven to 0).</summary>
    public const double MinConfidence = 0.05;

    /// <summary>Highest confidence: no rule is certain.</summary>
    public const double MaxConfidence = 0.99;

    /// <summary>Clamps a confidence into [<see cref="MinConfidence"/>, <see cref="MaxConfidence"/>], rounded to 2 decimals.</summary>
    /// <param name="value">The confidence.</param>
    /// <returns>The clamped value.</returns>
    public static double Clamp(double value) => Math.Round(Math.Clamp(value, MinConfidence, MaxConfidence), 2);
}
