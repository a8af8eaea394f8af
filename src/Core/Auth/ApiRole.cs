namespace AgentFunctions.Core.Auth;

/// <summary>What an API key may do within its domains; each role includes the ones before it.</summary>
public enum ApiRole
{
    /// <summary>Read runs, their events, skills, graphs, domains and knowledge.</summary>
    Reader = 1,

    /// <summary>Also start, cancel, approve and replay runs, execute skills, submit corrections and start validations.</summary>
    Runner = 2,

    /// <summary>Also create, list and revoke API keys within its domains.</summary>
    Admin = 3,
}
