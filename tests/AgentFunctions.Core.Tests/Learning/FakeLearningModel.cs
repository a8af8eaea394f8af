using System.Collections.Concurrent;
using AgentFunctions.Core.Learning;

namespace AgentFunctions.Core.Tests.Learning;

/// <summary>A scripted learning model: answers by purpose (<c>distill</c> or <c>judge</c>) and records every prompt.</summary>
public sealed class FakeLearningModel : ILearningModel
{
    public bool CanDistill { get; init; }

    public bool CanJudge { get; init; }

    public string DistillModel => "fake/distiller";

    /// <summary>Gets or sets the distillation answer for a user message.</summary>
    public Func<string, string> Distill { get; set; } = _ => "{}";

    /// <summary>Gets or sets the judge's answer for a user message.</summary>
    public Func<string, string> Judge { get; set; } = _ => "{\"pass\": true, \"reason\": \"follows the rule\"}";

    public ConcurrentQueue<(string Purpose, string System, string User)> Prompts { get; } = new();

    public Task<string> CompleteAsync(string purpose, string systemPrompt, string userMessage, CancellationToken cancellationToken = default)
    {
        Prompts.Enqueue((purpose, systemPrompt, userMessage));
        return Task.FromResult(purpose == "judge" ? Judge(userMessage) : Distill(userMessage));
    }
}
