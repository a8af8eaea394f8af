namespace AgentFunctions.Core.Safety;

/// <summary>What a domain does when the prompt-injection detector flags untrusted text (<c>security.prompt_injection</c> in <c>DOMAIN.md</c>).</summary>
public enum InjectionPolicy
{
    /// <summary>Record the finding as an event and go on (the default).</summary>
    Warn,

    /// <summary>Fail the node before the (next) model call.</summary>
    Block,

    /// <summary>Hold the run for a human's approval before the node's model call.</summary>
    Approve,
}
