using AgentFunctions.Core.Learning.Corrections;
using AgentFunctions.Core.Learning.Reflexions;
using AgentFunctions.Core.Learning.Storage;
using Microsoft.Extensions.Logging;

namespace AgentFunctions.Core.Learning;

/// <summary>
/// The learning loop's write side: stores corrections with the execution they correct, records executions for the
/// accept rate, turns each correction into a reflexion rule and a regression test (idempotently), manages rules with
/// ExpeL's operations and selects the active rules to inject into an execution.
/// </summary>
public sealed partial class LearningService
{
    private readonly KnowledgeStore _store;
    private readonly ILearningModel _model;
    private readonly RuleDistiller _distiller;
    private readonly ILogger<LearningService> _logger;

    /// <summary>Creates the service.</summary>
    /// <param name="store">The knowledge store.</param>
    /// <param name="model">The learning model (may be unable to distill; then rules are verbatim).</param>
    /// <param name="logger">The logger.</param>
    public LearningService(KnowledgeStore store, ILearningModel model, ILogger<LearningService> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _model = model;
        _distiller = new RuleDistiller(model);
        _logger = logger;
    }

    private LearningOptions Options => _store.Options;

    /// <summary>Stores a correction of one execution, with its input, output, skill, version, run, node and attempt.</summary>
    /// <param name="execution">The corrected execution (from <see cref="IExecutionLookup"/>).</param>
    /// <param name="request">The correction.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>
    /// <see cref="CorrectionAccepted"/> with the new id, or with <see cref="CorrectionAccepted.DuplicateOf"/> set when the same run
    /// and node already have a correction with the same normalised text (nothing new is stored); or <see cref="CorrectionInvalid"/>.
    /// </returns>
    /// <exception cref="ArgumentException">The execution's skill id is not <c>domain/skill</c>.</exception>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    public async Task<CorrectionOutcome> SubmitCorrectionAsync(ExecutionRecord execution, CorrectionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        ArgumentNullException.ThrowIfNull(request);
        KnowledgeKeys.CheckSkillId(execution.SkillId);
        if (CorrectionValidator.Validate(request, execution, out var text) is { } invalid)
        {
            return invalid;
        }

        var draft = new Correction
        {
            Id = string.Empty,
            SkillId = execution.SkillId,
            SkillVersion = execution.SkillVersion,
            RunId = execution.RunId,
            NodeId = execution.NodeId,
            Attempt = execution.Attempt,
            Text = text,
            CorrectedOutput = request.CorrectedOutput?.DeepClone(),
            By = string.IsNullOrWhiteSpace(request.By) ? null : request.By.Trim(),
            Input = (System.Text.Json.Nodes.JsonObject)execution.Input.DeepClone(),
            Output = execution.Output?.DeepClone(),
            OutputSchema = execution.OutputSchema?.DeepClone().AsObject(),
            Model = execution.Model,
            ExecutedAt = execution.CompletedAt,
            CreatedAt = _store.Time.GetUtcNow(),
        };
        var dedup = KnowledgeKeys.Dedup(execution.RunId, execution.NodeId, TextSimilarity.Normalise(text));
        var accepted = await _store.AddCorrectionAsync(draft, dedup, cancellationToken);
        if (accepted.IsDuplicate)
        {
            LearningLog.CorrectionDuplicate(_logger, execution.SkillId, accepted.CorrectionId, execution.RunId, execution.NodeId);
        }
        else
        {
            LearningLog.CorrectionStored(_logger, execution.SkillId, accepted.CorrectionId, execution.RunId, execution.NodeId);
        }

        return accepted;
    }

    /// <summary>Records that a skill executed, once per run, node and attempt, for the accept rate (executions without a correction / all).</summary>
    /// <param name="execution">The execution.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when recorded now, false when it was already recorded.</returns>
    /// <exception cref="ArgumentException">The execution's skill id is not <c>domain/skill</c>.</exception>
    public Task<bool> RecordExecutionAsync(ExecutionRecord execution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        KnowledgeKeys.CheckSkillId(execution.SkillId);
        return _store.TryRecordExecutionAsync(execution, cancellationToken);
    }
}
