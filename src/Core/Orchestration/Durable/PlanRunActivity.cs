using Microsoft.DurableTask;

namespace AgentFunctions.Core.Orchestration.Durable;

/// <summary>
/// Computes the cost plan of every node of a run's graph — the model, the domain and the reservation (USD) a dispatch of the
/// node reserves, and the cheaper models the <c>downgrade</c> policy may use — from the skills and prices configured now.
/// It is an activity so that the plan is recorded in the run's history: replays of the orchestrator see the same plan even
/// when prices or skills change while the run is in flight.
/// </summary>
/// <param name="graphs">Parses the graph.</param>
/// <param name="estimator">Computes the plans.</param>
public sealed class PlanRunActivity(GraphService graphs, NodeCostEstimator estimator) : TaskActivity<PlanRunInput, Dictionary<string, NodeCostPlan>>
{
    /// <inheritdoc/>
    public override Task<Dictionary<string, NodeCostPlan>> RunAsync(TaskActivityContext context, PlanRunInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var graph = graphs.ForRun(input.GraphHash, input.GraphYaml);
        return Task.FromResult(estimator.Plans(graph).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
    }
}
