namespace AgentFunctions.Core.Safety;

/// <summary>What a domain does with personal data (PII) found in a prompt before a model call (<c>security.pii</c> in <c>DOMAIN.md</c>).</summary>
public enum PiiPolicy
{
    /// <summary>Replace each value by a stable per-run token (<c>&lt;EMAIL_1&gt;</c>) and restore it in the model's answer (the default).</summary>
    Redact,

    /// <summary>Fail the node before the model call when the prompt holds PII.</summary>
    Block,

    /// <summary>Send prompts unchanged.</summary>
    Off,
}
