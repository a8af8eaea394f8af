namespace AgentFunctions.Core.Learning;

/// <summary>The learning model used when the app registers none: it can neither distill nor judge, so rules are verbatim and rubrics are not evaluated.</summary>
internal sealed class NoLearningModel : ILearningModel
{
    public bool CanDistill => false;

    public bool CanJudge => false;

    public Task<string> CompleteAsync(string purpose, string systemPrompt, string userMessage, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"No learning model is configured for '{purpose}'.");
}
