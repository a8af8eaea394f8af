using System.Text;
using AgentFunctions.Core.Auth;
using AgentFunctions.Core.Safety.Pii;
using AgentFunctions.TestSupport;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Safety;

/// <summary>The token vault on Azurite: encrypted at rest, stable numbers across parallel writers, bound to its run and key.</summary>
public sealed class TablePiiTokenVaultTests
{
    private static async Task<(TablePiiTokenVault Vault, TableClient Table)> VaultAsync(string adminKey, string table)
    {
        var clients = await SharedAzurite.ClientsAsync();
        var vault = new TablePiiTokenVault(clients, Options.Create(new PiiOptions { Table = table }), Options.Create(new AuthOptions { AdminKey = adminKey }),
            NullLogger<TablePiiTokenVault>.Instance);
        await vault.EnsureCreatedAsync();
        return (vault, clients.Tables.GetTableClient(table));
    }

    [Fact]
    public async Task Add_StoresOnlyCiphertext_AndParallelWritersGetDistinctStableNumbers()
    {
        var table = "pii" + SharedAzurite.Suffix();
        var (vault, client) = await VaultAsync(new string('k', 40), table);
        var runId = "run-" + SharedAzurite.Suffix();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => vault.AddAsync(runId, [(PiiKind.Email, $"user{i}@example.com")])));
        var map = await vault.AddAsync(runId, [(PiiKind.Email, "user3@example.com")]);

        Assert.Equal(8, map.Count);
        var restored = Enumerable.Range(1, 8).Select(n => map.Restore($"<EMAIL_{n}>")).ToList();
        Assert.Equal(8, restored.Distinct().Count());
        Assert.All(restored, v => Assert.EndsWith("@example.com", v, StringComparison.Ordinal));
        var entity = (await client.GetEntityAsync<TableEntity>(runId, "pii")).Value;
        foreach (var value in ((IDictionary<string, object>)entity).Values)
        {
            var text = value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString() ?? string.Empty;
            Assert.DoesNotContain("example.com", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Read_WithAnotherKey_FailsClearly()
    {
        var table = "pii" + SharedAzurite.Suffix();
        var runId = "run-" + SharedAzurite.Suffix();
        var (first, _) = await VaultAsync(new string('a', 40), table);
        await first.AddAsync(runId, [(PiiKind.Ssn, "123-45-6789")]);
        var (second, _) = await VaultAsync(new string('b', 40), table);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => second.AddAsync(runId, [(PiiKind.Ssn, "123-45-6780")]));
        Assert.Contains("cannot be decrypted", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("123-45", ex.Message, StringComparison.Ordinal);
    }
}
