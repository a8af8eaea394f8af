using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tools.Processes;

/// <summary>
/// Validates <see cref="SandboxOptions"/> at start: an allowed command holding a path separator must be a full path, and
/// a variable pattern must not hold <c>=</c> (a name, not an assignment).
/// </summary>
public sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        foreach (var command in SandboxOptions.NonBlank(options.AllowedCommands))
        {
            if ((command.Contains('/', StringComparison.Ordinal) || command.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
                && !Path.IsPathFullyQualified(command))
            {
                errors.Add($"{SandboxOptions.SectionName}:AllowedCommands: '{command}' holds a path separator but is not a full path; give a bare name or a full path.");
            }
        }

        foreach (var (list, patterns) in new[] { ("ExtraDeniedVariables", options.ExtraDeniedVariables), ("PassVariables", options.PassVariables) })
        {
            errors.AddRange(SandboxOptions.NonBlank(patterns).Where(p => p.Contains('=', StringComparison.Ordinal))
                .Select(p => $"{SandboxOptions.SectionName}:{list}: '{p[..p.IndexOf('=', StringComparison.Ordinal)]}=…' holds '='; " +
                    "list variable names (with * as a wildcard), not values (the value is not repeated here)."));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
