using System.Text.Json.Nodes;
using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Models;
using AgentFunctions.Core.Models.Recorded;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Execution;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Tests.Models;
using AgentFunctions.Core.Tools;
using AgentFunctions.Core.Tools.Processes;
using AgentFunctions.Core.Tools.Workspaces;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Core.Tests.Orchestration;

/// <summary>
/// A skill node executor over a skills catalog and the real model router, pool, prices and cost estimator, configured as
/// the app binds <c>Models:*</c> keys (a <see cref="AgentFunctions.TestSupport.FakeOpenAIServer"/> as the OpenAI endpoint).
/// </summary>
internal sealed class ExecutorHarness : IDisposable
{
    public ExecutorHarness(SkillCatalog skills, IDictionary<string, string?> settings)
    {
        Skills = skills;
        var options = Options.Create(RouterFactory.Bind(settings));
        var pool = new ModelPool(options);
        Prices = new PriceTable(pool);
        Router = new ModelRouter(pool, options, new RecordingStore(Path.GetTempPath()), TimeProvider.System, NullLoggerFactory.Instance);
        Estimator = new NodeCostEstimator(skills, Prices, Router);
        Executor = TestExecutors.Create(skills, Router);
    }

    public SkillCatalog Skills { get; }

    public PriceTable Prices { get; }

    public ModelRouter Router { get; }

    public NodeCostEstimator Estimator { get; }

    public SkillNodeExecutor Executor { get; }

    /// <summary>Loads a graph against the catalog's skills and the pool's models; fails the test when it is invalid.</summary>
    public GraphDefinition Load(string yaml)
    {
        var result = GraphLoader.Load(yaml, "test.yaml", new GraphLoaderContext(Skills.All.Select(s => s.Id), new Dictionary<string, ITool>(), Prices.Models));
        Assert.True(result.IsValid, result.FormatErrors());
        return result.Graph!;
    }

    /// <summary>Runs one node as the orchestrator would: with the reservation the cost estimator plans for it.</summary>
    public async Task<(NodeResult Result, NodeCostPlan Plan)> RunAsync(GraphDefinition graph, string nodeId, JsonObject inputs, IReadOnlyDictionary<string, JsonNode?>? outputs = null)
    {
        var plan = Estimator.Plans(graph)[nodeId];
        var node = graph.Nodes.Single(n => n.Id == nodeId);
        var context = new NodeExecutionContext("run-1", graph, node, 1, inputs, outputs ?? new Dictionary<string, JsonNode?>(), plan.ReservationUsd);
        return (await Executor.ExecuteAsync(context, CancellationToken.None), plan);
    }

    public void Dispose() => Router.Dispose();
}
