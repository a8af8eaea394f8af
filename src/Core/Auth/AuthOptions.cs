namespace AgentFunctions.Core.Auth;

/// <summary>API authentication. Bound from <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Auth";

    /// <summary>Gets or sets a value indicating whether every endpoint but <c>/api/health</c> and <c>/api/ready</c> needs an API key (default true).
    /// False is accepted only by the standalone host listening on loopback addresses alone, and it logs a warning.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the bootstrap admin key (scope <c>*</c>, role admin) that creates the other keys; any string of at
    /// least 32 characters (in Azure a Key Vault reference). Null: only keys already in the table work.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Gets or sets the table that holds the keys' hashes.</summary>
    public string Table { get; set; } = "ApiKeys";
}
