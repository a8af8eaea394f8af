namespace AgentFunctions.Core.Safety;

/// <summary>
/// A domain's trust-boundary settings, from the <c>security:</c> mapping of its <c>DOMAIN.md</c>:
/// <c>pii: redact|block|off</c>, <c>pii_name_fields: [candidate_name, …]</c> and <c>prompt_injection: warn|block|approve</c> and <c>untrusted_inputs: [ticket, …]</c>.
/// </summary>
/// <param name="Pii">What to do with PII found in prompts.</param>
/// <param name="PiiNameFields">Input fields (top-level keys of a node's input) whose string values are personal names and are redacted as <c>&lt;NAME_n&gt;</c>.</param>
/// <param name="PromptInjection">What to do when untrusted text looks like a prompt injection.</param>
public sealed record DomainSecurityPolicy(PiiPolicy Pii, IReadOnlyList<string> PiiNameFields, InjectionPolicy PromptInjection)
{
    /// <summary>Gets the input fields (top-level keys) whose values come from outside the prompt's author (<c>untrusted_inputs</c>):
    /// scanned for prompt injection, and the input section spotlighted as data.</summary>
    public IReadOnlyList<string> UntrustedInputs { get; init; } = [];

    /// <summary>Gets the policy of a domain that sets none: redact PII, warn on injections.</summary>
    public static DomainSecurityPolicy Default { get; } = new(PiiPolicy.Redact, [], InjectionPolicy.Warn);
}
