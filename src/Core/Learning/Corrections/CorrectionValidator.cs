namespace AgentFunctions.Core.Learning.Corrections;

/// <summary>Checks a correction request: text 3–4,000 characters after trimming, <c>by</c> at most 200, a corrected output that differs from the output.</summary>
internal static class CorrectionValidator
{
    public const int MinTextChars = 3;
    public const int MaxTextChars = 4000;
    public const int MaxByChars = 200;
    public const int MaxCorrectedOutputChars = 1_000_000;

    public static CorrectionInvalid? Validate(CorrectionRequest request, ExecutionRecord execution, out string text)
    {
        text = (request.Text ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            return new CorrectionInvalid("text", "The correction text is required.");
        }

        if (text.Length < MinTextChars)
        {
            return new CorrectionInvalid("text", $"The correction text must have at least {MinTextChars} characters (got {text.Length}).");
        }

        if (text.Length > MaxTextChars)
        {
            return new CorrectionInvalid("text", $"The correction text may have at most {MaxTextChars:N0} characters (got {text.Length:N0}).");
        }

        if (request.By is { Length: > MaxByChars })
        {
            return new CorrectionInvalid("by", $"'by' may have at most {MaxByChars} characters (got {request.By.Length}).");
        }

        if (request.CorrectedOutput is { } corrected)
        {
            if (corrected.ToJsonString().Length > MaxCorrectedOutputChars)
            {
                return new CorrectionInvalid("correctedOutput", $"The corrected output may have at most {MaxCorrectedOutputChars:N0} characters of JSON.");
            }

            if (JsonValues.DeepEquals(corrected, execution.Output))
            {
                return new CorrectionInvalid("correctedOutput", "The corrected output is identical to the output it corrects.");
            }
        }

        return null;
    }
}
