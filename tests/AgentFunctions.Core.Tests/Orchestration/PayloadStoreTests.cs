using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Storage;
using AgentFunctions.Core.Storage;
using Azure.Data.Tables;
using AgentFunctions.TestSupport;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Orchestration;

/// <summary>Payloads too large for a table property or a queue message go through a blob (on a real Azurite) and come back unchanged.</summary>
public sealed class PayloadStoreTests
{
    private readonly PayloadStore _payloads;

    public PayloadStoreTests()
    {
        var options = Options.Create(new OrchestrationOptions { PayloadContainer = $"payloads{Guid.NewGuid():N}"[..20] });
        _payloads = new PayloadStore(SharedAzurite.ClientsAsync().GetAwaiter().GetResult(), options);
        _payloads.EnsureCreatedAsync().GetAwaiter().GetResult();
    }

    [Fact]
    public async Task SetProperty_LargeText_GoesToABlobAndReadsBack()
    {
        var text = new string('x', 200_000);
        var entity = new TableEntity("run-1", "node|a");

        await _payloads.SetPropertyAsync(entity, "Output", text);

        Assert.False(entity.ContainsKey("Output"));
        Assert.StartsWith("run-1/", entity.GetString("OutputRef"), StringComparison.Ordinal);
        Assert.Equal(text, await _payloads.GetPropertyAsync(entity, "Output"));
    }

    [Fact]
    public async Task SetProperty_SmallText_StaysInline()
    {
        var entity = new TableEntity("run-1", "node|a");
        await _payloads.SetPropertyAsync(entity, "Output", "{\"ok\":true}");

        Assert.Equal("{\"ok\":true}", entity.GetString("Output"));
        Assert.False(entity.ContainsKey("OutputRef"));
    }

    [Fact]
    public async Task WrapMessage_Over45KB_IsReplacedByAReferenceThatUnwraps()
    {
        var message = "{\"data\":\"" + new string('y', 60_000) + "\"}";

        var wrapped = await _payloads.WrapMessageAsync("run-1", message);

        Assert.True(wrapped.Length < 200, "the queue message should only carry a reference");
        Assert.Contains("payloadRef", wrapped, StringComparison.Ordinal);
        Assert.Equal(message, await _payloads.UnwrapMessageAsync(wrapped));
        Assert.Equal("small", await _payloads.UnwrapMessageAsync(await _payloads.WrapMessageAsync("run-1", "small")));
    }
}
