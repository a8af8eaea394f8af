namespace AgentFunctions.Core.Context;

/// <summary>A prompt ready for a model call.</summary>
/// <param name="SystemPrompt">The system message: the layers joined.</param>
/// <param name="UserMessage">The user message: input, upstream outputs and files.</param>
/// <param name="Manifest">What went in and what was dropped.</param>
/// <param name="InputKey">SHA-256 (hex) of the skill id, the user message and the ids of the learned rules injected; recorded responses are looked up by it, so editing a prompt layer does not invalidate recordings.</param>
public sealed record AssembledPrompt(string SystemPrompt, string UserMessage, ContextManifest Manifest, string InputKey)
{
    /// <summary>Gets the estimated tokens of the whole prompt.</summary>
    public int TokenEstimate => Manifest.TotalTokens;
}
