using AgentFunctions.Core.Learning.Corrections;
using AgentFunctions.Core.Learning.Validation;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Storage;

namespace AgentFunctions.Core.Learning.Messages;

/// <summary>
/// The learning queue handlers, one per queue, independent of who triggers them: parse, call the services, and tell
/// permanent from transient failures. A permanent failure (malformed message, unknown run or node, invalid correction,
/// unknown correction or validation run) throws <see cref="MalformedMessageException"/> with the reason, so the caller
/// dead-letters it at once; anything else (storage, models) throws as is, so the message is retried. Both handlers are
/// idempotent: a redelivered message finds its work done or completes what is missing.
/// </summary>
/// <param name="learning">Stores and processes corrections.</param>
/// <param name="validation">Runs validations.</param>
/// <param name="executions">Finds the execution a <c>correction.submit</c> corrects.</param>
/// <param name="payloads">Unwraps messages whose text was moved to a blob.</param>
public sealed class LearningQueueHandlers(LearningService learning, ValidationService validation, IExecutionLookup executions, PayloadStore payloads)
{
    /// <summary>Handles one corrections-queue message: <c>correction.submit</c> stores the correction and processes it; <c>correction.stored</c> processes it.</summary>
    /// <param name="messageText">The message text (a payload reference is unwrapped).</param>
    /// <param name="cancellationToken">Cancels handling; a retried message resumes.</param>
    /// <returns>The processed correction (its rule and test).</returns>
    /// <exception cref="MalformedMessageException">The message can never succeed; dead-letter it with the message as the reason.</exception>
    public async Task<CorrectionProcessed> HandleCorrectionAsync(string messageText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        var message = LearningMessageCodec.ReadCorrection(await payloads.UnwrapMessageAsync(messageText, cancellationToken));
        string skill, correctionId;
        if (message.Kind == LearningMessageKinds.CorrectionSubmit)
        {
            var execution = await executions.FindAsync(message.RunId!, message.NodeId!, cancellationToken)
                ?? throw new MalformedMessageException($"Run '{message.RunId}' has no finished skill node '{message.NodeId}' to correct.");
            var outcome = await learning.SubmitCorrectionAsync(execution, new CorrectionRequest(message.Text!, message.CorrectedOutput, message.By), cancellationToken);
            if (outcome is CorrectionInvalid invalid)
            {
                throw new MalformedMessageException($"Invalid correction: '{invalid.Field}': {invalid.Message}");
            }

            (skill, correctionId) = (execution.SkillId, ((CorrectionAccepted)outcome).CorrectionId);
        }
        else
        {
            (skill, correctionId) = (message.Skill!, message.CorrectionId!);
        }

        return await learning.ProcessCorrectionAsync(skill, correctionId, cancellationToken) switch
        {
            CorrectionProcessed processed => processed,
            _ => throw new MalformedMessageException($"Correction '{correctionId}' of '{skill}' does not exist."),
        };
    }

    /// <summary>Handles one validations-queue message: runs (or resumes) the validation.</summary>
    /// <param name="messageText">The message text.</param>
    /// <param name="cancellationToken">Cancels handling; a retried message resumes.</param>
    /// <returns>The validation report.</returns>
    /// <exception cref="MalformedMessageException">The message can never succeed; dead-letter it with the message as the reason.</exception>
    public async Task<ValidationReport> HandleValidationAsync(string messageText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        var message = LearningMessageCodec.ReadValidation(await payloads.UnwrapMessageAsync(messageText, cancellationToken));
        return await validation.RunValidationAsync(message.Skill!, message.ValidationId!, cancellationToken)
            ?? throw new MalformedMessageException($"Validation run '{message.ValidationId}' of '{message.Skill}' does not exist.");
    }
}
