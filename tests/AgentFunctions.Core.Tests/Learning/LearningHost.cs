using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Learning.Queries;
using AgentFunctions.Core.Learning.Storage;
using AgentFunctions.Core.Learning.Validation;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Storage;
using AgentFunctions.Core.Storage;
using AgentFunctions.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Learning;

/// <summary>The learning services over the shared Azurite (their own table, queues and container), with fakes for the seams.</summary>
public sealed class LearningHost
{
    public const string Skill = "ecm/order-details";

    public LearningHost(FakeLearningModel? model = null, FakeSkillInvoker? invoker = null, LearningOptions? options = null)
    {
        var connection = StorageConnection.FromConnectionString(SharedAzurite.ConnectionStringAsync().GetAwaiter().GetResult());
        Clients = new StorageClients(connection, new StorageOptions(), [Crashes]);
        Model = model ?? new FakeLearningModel();
        Invoker = invoker ?? new FakeSkillInvoker();
        var suffix = Guid.NewGuid().ToString("N")[..12];
        options ??= new LearningOptions();
        options.Table = "Knowledge" + suffix;
        options.CorrectionsQueue = "corrections-" + suffix;
        options.ValidationsQueue = "validations-" + suffix;
        Options = options;
        var payloads = new PayloadStore(Clients, Microsoft.Extensions.Options.Options.Create(new OrchestrationOptions { PayloadContainer = "payloads" + suffix }));
        Store = new KnowledgeStore(Clients, payloads, Microsoft.Extensions.Options.Options.Create(options), Clock);
        Store.EnsureCreatedAsync().GetAwaiter().GetResult();
        Learning = new LearningService(Store, Model, NullLogger<LearningService>.Instance);
        Validation = new ValidationService(Store, Invoker, Model, NullLogger<ValidationService>.Instance);
        Queries = new KnowledgeQueries(Store);
    }

    /// <summary>Gets the crash switch of every table transaction the stores send.</summary>
    public CrashPolicy Crashes { get; } = new();

    public StorageClients Clients { get; }

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public FakeLearningModel Model { get; }

    public FakeSkillInvoker Invoker { get; }

    public LearningOptions Options { get; }

    public KnowledgeStore Store { get; }

    public LearningService Learning { get; }

    public ValidationService Validation { get; }

    public KnowledgeQueries Queries { get; }

    public static ExecutionRecord Execution(string runId = "run-1", string nodeId = "lookup", string? input = null, string? output = null, int attempt = 1, DateTimeOffset? at = null) =>
        new(runId, nodeId, attempt, Skill, "abc123def456",
            JsonNode.Parse(input ?? """{"order_id":"AE789X123","query":"UAE corridor order stuck in CNR_RESERVED","corridor":"UAE"}""")!.AsObject(),
            JsonNode.Parse(output ?? """{"action":"standard_path","summary":"Follow the standard path."}"""),
            "openai/gpt-4o-mini",
            at ?? new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.Zero));
}
