namespace AgentFunctions.Core.Tools.Security;

/// <summary>How serious a security finding is; <c>fail_on</c> fails the scan at or above a level.</summary>
public enum SecuritySeverity
{
    /// <summary>Worth a look; rarely exploitable alone.</summary>
    Low = 1,

    /// <summary>Exploitable with attacker-controlled input (unsafe deserialization, HTML injection).</summary>
    Medium = 2,

    /// <summary>A leaked secret, or code that runs attacker-controlled text directly.</summary>
    High = 3,
}
