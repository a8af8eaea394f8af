namespace AgentFunctions.Core.Safety.Pii;

/// <summary>Where and how run token maps are stored (section <c>Security:Pii</c>).</summary>
public sealed class PiiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Security:Pii";

    /// <summary>Gets or sets the table of encrypted token maps (one row per run; default <c>RunSecrets</c>).</summary>
    public string Table { get; set; } = "RunSecrets";

    /// <summary>
    /// Gets or sets the AES-256 key of the token maps, base64 of 32 bytes (in Azure a Key Vault reference). When unset the key is
    /// derived from <c>Auth:AdminKey</c> with HKDF-SHA256 (RFC 5869); with neither, a random key per process (logged as a warning),
    /// so maps written by an earlier process cannot be read and their runs' later nodes number tokens afresh.
    /// </summary>
    public string? EncryptionKey { get; set; }
}
