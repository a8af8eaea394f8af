using System.Security.Cryptography;
using System.Text;
using AgentFunctions.Core.Auth;
using AgentFunctions.Core.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Safety.Pii;

/// <summary>
/// Token maps in Table storage (table <see cref="PiiOptions.Table"/>, partition = run id, row <c>pii</c>), encrypted with AES-256-GCM
/// (NIST SP 800-38D; 12-byte random nonce, 16-byte tag, the run id as associated data so a map cannot be moved to another run).
/// Writers of one run (parallel fan-out nodes) race with optimistic concurrency on the entity's ETag and retry up to 20 times.
/// </summary>
public sealed partial class TablePiiTokenVault : IPiiTokenVault
{
    private const string Row = "pii";
    private const int MaxCipherBytes = 60 * 1024; // a binary property holds at most 64 KiB
    private static readonly byte[] s_hkdfInfo = Encoding.UTF8.GetBytes("AgentFunctions PII token map v1");
    private readonly TableClient _table;
    private readonly byte[] _key;

    /// <summary>Initializes a new instance of the <see cref="TablePiiTokenVault"/> class.</summary>
    /// <param name="clients">The storage clients.</param>
    /// <param name="options">The table and key.</param>
    /// <param name="auth">The admin key the encryption key is derived from when none is set.</param>
    /// <param name="logger">Warns when the key is random.</param>
    /// <exception cref="FormatException"><see cref="PiiOptions.EncryptionKey"/> is not base64 of 32 bytes.</exception>
    public TablePiiTokenVault(StorageClients clients, IOptions<PiiOptions> options, IOptions<AuthOptions> auth, ILogger<TablePiiTokenVault> logger)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(auth);
        _table = clients.Tables.GetTableClient(options.Value.Table);
        _key = KeyOf(options.Value, auth.Value, logger);
    }

    /// <summary>Creates the table if missing.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    /// <exception cref="RequestFailedException">Storage failed.</exception>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => await _table.CreateIfNotExistsAsync(cancellationToken);

    /// <inheritdoc/>
    public async Task<PiiTokenMap> AddAsync(string runId, IReadOnlyCollection<(PiiKind Kind, string Value)> values, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(values);
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            var stored = await _table.GetEntityIfExistsAsync<TableEntity>(runId, Row, cancellationToken: cancellationToken);
            var map = stored.HasValue ? Decrypt(runId, stored.Value!) : new PiiTokenMap();
            var added = values.Count(v => map.Add(v.Kind, v.Value));
            if (added == 0)
            {
                return map;
            }

            var entity = Encrypt(runId, map);
            try
            {
                if (stored.HasValue)
                {
                    await _table.UpdateEntityAsync(entity, stored.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _table.AddEntityAsync(entity, cancellationToken);
                }

                return map;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50) * attempt), cancellationToken);
            }
        }

        throw new InvalidOperationException($"The PII token map of run {runId} could not be updated: other nodes of the run kept writing it (20 attempts).");
    }

    private static byte[] KeyOf(PiiOptions options, AuthOptions auth, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.EncryptionKey))
        {
            var key = Convert.FromBase64String(options.EncryptionKey);
            return key.Length == 32 ? key : throw new FormatException($"Security:Pii:EncryptionKey must be base64 of 32 bytes (AES-256); it holds {key.Length} bytes.");
        }

        if (!string.IsNullOrWhiteSpace(auth.AdminKey))
        {
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(auth.AdminKey), 32, salt: null, info: s_hkdfInfo);
        }

        LogRandomKey(logger);
        return RandomNumberGenerator.GetBytes(32);
    }

    private TableEntity Encrypt(string runId, PiiTokenMap map)
    {
        var plain = map.ToJson();
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(_key, tag.Length))
        {
            aes.Encrypt(nonce, plain, cipher, tag, Encoding.UTF8.GetBytes(runId));
        }

        CryptographicOperations.ZeroMemory(plain);
        return cipher.Length > MaxCipherBytes
            ? throw new InvalidOperationException($"The PII token map of run {runId} holds {map.Count} values ({cipher.Length} bytes encrypted), more than the {MaxCipherBytes} bytes one table entity keeps.")
            : new TableEntity(runId, Row) { ["Nonce"] = nonce, ["Tag"] = tag, ["Cipher"] = cipher, ["Values"] = map.Count };
    }

    private PiiTokenMap Decrypt(string runId, TableEntity entity)
    {
        var cipher = entity.GetBinary("Cipher");
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(_key, AesGcm.TagByteSizes.MaxSize);
        try
        {
            aes.Decrypt(entity.GetBinary("Nonce"), cipher, entity.GetBinary("Tag"), plain, Encoding.UTF8.GetBytes(runId));
            return PiiTokenMap.FromJson(plain);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new InvalidOperationException($"The PII token map of run {runId} cannot be decrypted with this host's key (Security:Pii:EncryptionKey or Auth:AdminKey changed).", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning, Message = "Neither Security:Pii:EncryptionKey nor Auth:AdminKey is set: PII token maps are encrypted with a random key of this process and cannot be read after a restart")]
    private static partial void LogRandomKey(ILogger logger);
}
