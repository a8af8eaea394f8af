using AgentFunctions.Core.Learning;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Models;

/// <summary>
/// The learning loop's models over the <see cref="ModelRouter"/>: <c>Learning:Model</c> distills rules, <c>Learning:JudgeModel</c>
/// judges rubric assertions. A model counts as configured only when a live provider serves it (a recorded replay cannot
/// distill or judge new text).
/// </summary>
public sealed class LearningModel(ModelRouter router, ModelPool pool, IOptions<LearningModelOptions> options) : ILearningModel
{
    /// <inheritdoc/>
    public bool CanDistill => Live(options.Value.Model);

    /// <inheritdoc/>
    public bool CanJudge => Live(options.Value.JudgeModel);

    /// <inheritdoc/>
    public string DistillModel => options.Value.Model ?? "none";

    /// <inheritdoc/>
    public async Task<string> CompleteAsync(string purpose, string systemPrompt, string userMessage, CancellationToken cancellationToken = default)
    {
        var model = purpose == "judge" ? options.Value.JudgeModel : options.Value.Model;
        if (!Live(model))
        {
            throw new InvalidOperationException($"No live model is configured for '{purpose}' (Learning:{(purpose == "judge" ? "JudgeModel" : "Model")}).");
        }

        var plan = router.Plan(model, null, model!);
        var request = new ModelCallRequest($"learning/{purpose}", purpose, [new ChatMessage(ChatRole.System, systemPrompt), new ChatMessage(ChatRole.User, userMessage)], 800, ModelCallRequest.AllowAll)
        {
            Temperature = 0,
            JsonOutput = true,
        };
        return (await router.CompleteAsync(plan, request, cancellationToken)).Response.Text;
    }

    private bool Live(string? model) => model is { Length: > 0 } && pool.Find(model) is { } definition && pool.IsLive(definition);
}
