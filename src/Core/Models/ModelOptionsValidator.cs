using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Models;

/// <summary>Validates <see cref="ModelOptions"/> at startup with <see cref="ModelPool.Validate"/>, so a bad pool fails fast with every error listed.</summary>
public sealed class ModelOptionsValidator : IValidateOptions<ModelOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = ModelPool.Validate(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
