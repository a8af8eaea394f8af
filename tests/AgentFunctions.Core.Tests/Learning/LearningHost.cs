using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Learning.Queries;
using AgentFunctions.Core.Learning.Storage;
using AgentFunctions.Core.Learning.Validation;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Storage;
using AgentFunctions.Core.Storage;
using AgentFunctions.Core.Storage.InMemory;
using AgentFunctions.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Learning;

/// <summary>The learning services over one storage account (its own table and container), with fakes for the seams.</summary>
public sealed class LearningHost
{
    public const string Skill = "ecm/order-details";

    public LearningHost(IStorageAccount? account = null, FakeLearningModel? model = null, FakeSkillInvoker? invoker = null, LearningOptions? options = null)
    {
        Account = new CrashingStorageAccount(account ?? new InMemoryStorageAccount());
        Model = model ?? new FakeLearningModel();
        Invoker = invoker ?? new FakeSkillInvoker();
        var suffix = Guid.NewGuid().ToString("N")[..12];
        options ??= new LearningOptions();
        options.Table = "Knowledge" + suffix;
        Options = options;
        var payloads = new PayloadStore(Account, Microsoft.Extensions.Options.Options.Create(new OrchestrationOptions { PayloadContainer = "payloads" + suffix }));
        Store = new KnowledgeStore(Account, payloads, Microsoft.Extensions.Options.Options.Create(options), Clock);
        Store.EnsureCreatedAsync().GetAwaiter().GetResult();
        Learning = new LearningService(Store, Model, NullLogger<LearningService>.Instance);
        Validation = new ValidationService(Store, Invoker, Model, NullLogger<ValidationService>.Instance);
        Queries = new KnowledgeQueries(Store);
    }

    public CrashingStorageAccount Account { get; }

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
