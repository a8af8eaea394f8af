using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Learning.Messages;
using AgentFunctions.Core.Learning.Queries;
using AgentFunctions.Core.Learning.Storage;
using AgentFunctions.Core.Learning.Validation;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Orchestration.Storage;
using AgentFunctions.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using AgentFunctions.TestSupport;

namespace AgentFunctions.Core.Tests.Learning;

/// <summary>Learning queue messages: the codec, the handlers' permanent vs transient failures, and the DI registration.</summary>
public sealed class LearningMessagesTests
{
    [Fact]
    public void Codec_Messages_RoundTripInTheDocumentedShape()
    {
        var submit = LearningMessageCodec.Serialize(CorrectionMessage.Submit("run-1", "lookup", "use LULU", JsonNode.Parse("{\"a\":1}"), "ops"));
        var stored = LearningMessageCodec.Serialize(CorrectionMessage.Stored("ecm/order-details", "CORR-000001"));
        var validation = LearningMessageCodec.Serialize(ValidationMessage.Requested("ecm/order-details", "VAL-001"));

        Assert.Equal("{\"schemaVersion\":1,\"kind\":\"correction.submit\",\"runId\":\"run-1\",\"nodeId\":\"lookup\",\"text\":\"use LULU\",\"correctedOutput\":{\"a\":1},\"by\":\"ops\"}", submit);
        Assert.Equal("{\"schemaVersion\":1,\"kind\":\"correction.stored\",\"skill\":\"ecm/order-details\",\"correctionId\":\"CORR-000001\"}", stored);
        Assert.Equal("{\"schemaVersion\":1,\"kind\":\"validation.requested\",\"skill\":\"ecm/order-details\",\"validationId\":\"VAL-001\"}", validation);
        Assert.Equal("CORR-000001", LearningMessageCodec.ReadCorrection(stored).CorrectionId);
        Assert.Equal("VAL-001", LearningMessageCodec.ReadValidation(validation).ValidationId);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{not json", "not valid CorrectionMessage JSON")]
    [InlineData("{\"schemaVersion\":2,\"kind\":\"correction.stored\",\"skill\":\"a/b\",\"correctionId\":\"C\"}", "schemaVersion 2")]
    [InlineData("{\"schemaVersion\":1,\"kind\":\"correction.submit\",\"nodeId\":\"n\",\"text\":\"t\"}", "'runId' is required")]
    [InlineData("{\"schemaVersion\":1,\"kind\":\"correction.submit\",\"runId\":\"r\",\"nodeId\":\"n\"}", "'text' is required")]
    [InlineData("{\"schemaVersion\":1,\"kind\":\"correction.stored\",\"skill\":\"no-slash\",\"correctionId\":\"C\"}", "'skill' must be 'domain/skill'")]
    [InlineData("{\"schemaVersion\":1,\"kind\":\"correction.stored\",\"skill\":\"a/b\"}", "'correctionId' is required")]
    [InlineData("{\"schemaVersion\":1,\"kind\":\"validation.requested\",\"skill\":\"a/b\",\"validationId\":\"V\"}", "Unknown kind 'validation.requested' on the corrections queue")]
    public void ReadCorrection_Malformed_ThrowsNamingTheField(string text, string expected)
    {
        var ex = Assert.Throws<MalformedMessageException>(() => LearningMessageCodec.ReadCorrection(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"schemaVersion\":1,\"kind\":\"validation.requested\",\"skill\":\"a/b\"}", "'validationId' is required")]
    [InlineData("{\"schemaVersion\":1,\"kind\":\"correction.stored\",\"skill\":\"a/b\",\"validationId\":\"V\"}", "Unknown kind 'correction.stored' on the validations queue")]
    public void ReadValidation_Malformed_ThrowsNamingTheField(string text, string expected)
    {
        var ex = Assert.Throws<MalformedMessageException>(() => LearningMessageCodec.ReadValidation(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleCorrection_Submit_StoresAndProcessesTheCorrection()
    {
        var (handlers, host) = Handlers(new FakeLookup(LearningHost.Execution()));

        var processed = await handlers.HandleCorrectionAsync(LearningMessageCodec.Serialize(CorrectionMessage.Submit("run-1", "lookup", "use \"LULU\" escalation")));
        var redelivered = await handlers.HandleCorrectionAsync(LearningMessageCodec.Serialize(CorrectionMessage.Submit("run-1", "lookup", "use \"LULU\" escalation")));

        Assert.Equal(("CORR-000001", "REFL-001", "TEST-001"), (processed.CorrectionId, processed.RuleId, processed.TestId));
        Assert.True(redelivered.AlreadyProcessed);
        Assert.Single(await host.Store.ListCorrectionsAsync(LearningHost.Skill));
    }

    [Theory]
    [InlineData("{\"schemaVersion\":1,\"kind\":\"correction.submit\",\"runId\":\"ghost\",\"nodeId\":\"n\",\"text\":\"wrong answer\"}", "Run 'ghost' has no finished skill node 'n'")]
    [InlineData("{\"schemaVersion\":1,\"kind\":\"correction.submit\",\"runId\":\"run-1\",\"nodeId\":\"lookup\",\"text\":\"no\"}", "Invalid correction: 'text'")]
    [InlineData("{\"schemaVersion\":1,\"kind\":\"correction.stored\",\"skill\":\"ecm/order-details\",\"correctionId\":\"CORR-000404\"}", "Correction 'CORR-000404' of 'ecm/order-details' does not exist")]
    public async Task HandleCorrection_PermanentFailure_ThrowsMalformedWithTheReason(string message, string reason)
    {
        var (handlers, _) = Handlers(new FakeLookup(LearningHost.Execution()));

        var ex = await Assert.ThrowsAsync<MalformedMessageException>(() => handlers.HandleCorrectionAsync(message));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleValidation_UnknownRun_ThrowsMalformed()
    {
        var (handlers, _) = Handlers(new FakeLookup(null));

        var ex = await Assert.ThrowsAsync<MalformedMessageException>(() => handlers.HandleValidationAsync(LearningMessageCodec.Serialize(ValidationMessage.Requested(LearningHost.Skill, "VAL-404"))));

        Assert.Contains("'VAL-404'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAgentFunctionsLearning_WithTheSeams_ResolvesEveryServiceAndCreatesStorage()
    {
        var suffix = SharedAzurite.Suffix();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Learning:Table"] = "KnowledgeDi" + suffix,
            ["Learning:MaxInjectedRules"] = "3",
            ["Learning:CorrectionsQueue"] = "corrections-" + suffix,
            ["AzureWebJobsStorage"] = await SharedAzurite.ConnectionStringAsync(),
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>))
            .AddAgentFunctionsStorage(configuration)
            .AddSingleton<ISkillInvoker>(new FakeSkillInvoker())
            .AddSingleton<IExecutionLookup>(new FakeLookup(null))
            .AddAgentFunctionsLearning(configuration);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.Equal(("KnowledgeDi" + suffix, 3), (provider.GetRequiredService<IOptions<LearningOptions>>().Value.Table, provider.GetRequiredService<IOptions<LearningOptions>>().Value.MaxInjectedRules));
        Assert.False(provider.GetRequiredService<ILearningModel>().CanDistill);
        Assert.NotNull(provider.GetRequiredService<LearningQueueHandlers>());
        Assert.NotNull(provider.GetRequiredService<KnowledgeQueries>());
        await provider.GetRequiredService<KnowledgeStore>().EnsureCreatedAsync();
        var poison = provider.GetRequiredService<StorageClients>().Queues.GetQueueClient($"corrections-{suffix}-poison");
        Assert.Equal(0, (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    private static (LearningQueueHandlers Handlers, LearningHost Host) Handlers(IExecutionLookup lookup)
    {
        var host = new LearningHost();
        var payloads = new PayloadStore(host.Clients, Options.Create(new OrchestrationOptions { PayloadContainer = "payloads" + SharedAzurite.Suffix() }));
        return (new LearningQueueHandlers(host.Learning, host.Validation, lookup, payloads), host);
    }

    private sealed class FakeLookup(ExecutionRecord? execution) : IExecutionLookup
    {
        public Task<ExecutionRecord?> FindAsync(string runId, string nodeId, CancellationToken cancellationToken = default) =>
            Task.FromResult(execution is not null && execution.RunId == runId && execution.NodeId == nodeId ? execution : null);
    }
}
