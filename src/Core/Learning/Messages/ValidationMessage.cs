namespace AgentFunctions.Core.Learning.Messages;

/// <summary>A message on the validations queue: <c>{"schemaVersion":1,"kind":"validation.requested","skill","validationId"}</c>.</summary>
/// <param name="SchemaVersion">Always 1.</param>
/// <param name="Kind"><see cref="LearningMessageKinds.ValidationRequested"/>.</param>
/// <param name="Skill">The skill, <c>domain/skill</c>.</param>
/// <param name="ValidationId">The validation run created by <see cref="Validation.ValidationService.RequestValidationAsync"/>.</param>
public sealed record ValidationMessage(int SchemaVersion, string Kind, string? Skill, string? ValidationId)
{
    /// <summary>Creates a <c>validation.requested</c> message.</summary>
    /// <param name="skill">The skill.</param>
    /// <param name="validationId">The run.</param>
    /// <returns>The message.</returns>
    public static ValidationMessage Requested(string skill, string validationId) =>
        new(LearningMessageKinds.SchemaVersion, LearningMessageKinds.ValidationRequested, skill, validationId);
}
