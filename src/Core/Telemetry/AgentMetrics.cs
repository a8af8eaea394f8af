using System.Diagnostics.Metrics;

namespace AgentFunctions.Core.Telemetry;

/// <summary>
/// The product's instruments, all on <see cref="AgentTelemetry.Meter"/>. Model-call metrics of the GenAI conventions
/// (<c>gen_ai.client.token.usage</c>, <c>gen_ai.client.operation.duration</c>) come from Microsoft.Extensions.AI's
/// <c>OpenTelemetryChatClient</c> on the same meter; these add what only the platform knows: nodes, cost, budgets.
/// </summary>
public static class AgentMetrics
{
    /// <summary>Gets <c>agentfunctions.node.duration</c> (histogram, s): one node attempt, tagged with domain, node kind, status and model.</summary>
    public static Histogram<double> NodeDuration { get; } = AgentTelemetry.Meter.CreateHistogram<double>(
        "agentfunctions.node.duration", "s", "Duration of one node attempt.");

    /// <summary>Gets <c>agentfunctions.tokens</c> (counter, {token}): tokens of a node attempt's model turns, by domain, model and <c>gen_ai.token.type</c>.</summary>
    public static Counter<long> Tokens { get; } = AgentTelemetry.Meter.CreateCounter<long>(
        "agentfunctions.tokens", "{token}", "Tokens used by node attempts' model calls.");

    /// <summary>Gets <c>agentfunctions.cost</c> (counter, USD): what node attempts' model calls cost, by domain and model.</summary>
    public static Counter<double> Cost { get; } = AgentTelemetry.Meter.CreateCounter<double>(
        "agentfunctions.cost", "USD", "Cost of node attempts' model calls.");

    /// <summary>Gets <c>agentfunctions.budget.spent</c> (gauge, USD): a domain's spend in the current day or month, after each settlement.</summary>
    public static Gauge<double> BudgetSpent { get; } = AgentTelemetry.Meter.CreateGauge<double>(
        "agentfunctions.budget.spent", "USD", "A domain's spend in the current budget period.");

    /// <summary>Gets <c>agentfunctions.budget.utilization</c> (gauge, 1): spend ÷ limit of a domain's day or month (only periods with a limit).</summary>
    public static Gauge<double> BudgetUtilization { get; } = AgentTelemetry.Meter.CreateGauge<double>(
        "agentfunctions.budget.utilization", "1", "A domain's spend as a fraction of its budget period's limit.");

    /// <summary>Gets <c>agentfunctions.runs</c> (counter, {run}): runs that ended, by graph and final status.</summary>
    public static Counter<long> Runs { get; } = AgentTelemetry.Meter.CreateCounter<long>(
        "agentfunctions.runs", "{run}", "Runs that ended.");
}
