namespace AgentFunctions.Core.Learning;

/// <summary>
/// The model the learning loop uses to distill rules from corrections and to judge rubric assertions, when one is
/// configured (<c>Learning:Model</c>, <c>Learning:JudgeModel</c>). Implemented by the app over the model router.
/// </summary>
public interface ILearningModel
{
    /// <summary>Gets whether a model is configured for distilling rules.</summary>
    bool CanDistill { get; }

    /// <summary>Gets whether a model is configured for judging rubric assertions.</summary>
    bool CanJudge { get; }

    /// <summary>
    /// Gets the name of the distillation model, recorded in a distilled rule's source (<c>distilled:&lt;model&gt;</c>), such as
    /// <c>openai/gpt-4o-mini</c>. Defaults to <c>learning-model</c> for implementations that do not say.
    /// </summary>
    string DistillModel => "learning-model";

    /// <summary>Asks the distillation or judge model.</summary>
    /// <param name="purpose"><c>distill</c> or <c>judge</c>.</param>
    /// <param name="systemPrompt">The system prompt.</param>
    /// <param name="userMessage">The user message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The model's text answer.</returns>
    /// <exception cref="InvalidOperationException">No model is configured for that purpose.</exception>
    Task<string> CompleteAsync(string purpose, string systemPrompt, string userMessage, CancellationToken cancellationToken = default);
}

/// <summary>A recorded skill execution, as the app knows it from the run that made it.</summary>
/// <param name="RunId">The run.</param>
/// <param name="NodeId">The node.</param>
/// <param name="Attempt">The attempt whose output is corrected.</param>
/// <param name="SkillId">The skill, <c>domain/skill</c>.</param>
/// <param name="SkillVersion">The skill's version (content hash) at execution time.</param>
/// <param name="Input">The input the skill received.</param>
/// <param name="Output">The output it produced.</param>
/// <param name="Model">The model that answered.</param>
/// <param name="CompletedAt">When the execution finished.</param>
public sealed record ExecutionRecord(
    string RunId,
    string NodeId,
    int Attempt,
    string SkillId,
    string SkillVersion,
    System.Text.Json.Nodes.JsonObject Input,
    System.Text.Json.Nodes.JsonNode? Output,
    string? Model,
    DateTimeOffset CompletedAt)
{
    /// <summary>Gets the skill's <c>output_schema</c> (a JSON Schema document), or null when the skill declares none or it is unknown.</summary>
    public System.Text.Json.Nodes.JsonObject? OutputSchema { get; init; }
}

/// <summary>Finds recorded executions (implemented by the app over its run store).</summary>
public interface IExecutionLookup
{
    /// <summary>Finds the latest succeeded execution of a skill node in a run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="nodeId">The node.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The execution, or null when the run or node does not exist or the node is not a finished skill node.</returns>
    Task<ExecutionRecord?> FindAsync(string runId, string nodeId, CancellationToken cancellationToken = default);
}
