namespace AgentFunctions.Core.Models.Routing;

/// <summary>
/// UCB1 (Auer, Cesa-Bianchi and Fischer, "Finite-time Analysis of the Multiarmed Bandit Problem", Machine Learning 47, 2002),
/// as AgentFlow's router uses it to choose among the models of a tier: an arm never tried goes first; otherwise the arm with
/// the highest mean reward + √(2 ln N / n) wins, where n is the arm's pulls and N all pulls of the ranked arms. Rewards are
/// in [0, 1] (see <see cref="Reward"/>). Ties break by lower price, then by model id, so the ranking is deterministic.
/// Statistics live in memory, per process.
/// </summary>
internal sealed class Ucb1Bandit
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (int Pulls, double Total)> _arms = new(StringComparer.Ordinal);

    /// <summary>Ranks arms, best first.</summary>
    /// <param name="arms">The candidate models.</param>
    /// <returns>Each model with its UCB score (positive infinity when untried), best first.</returns>
    public IReadOnlyList<(ModelDefinition Model, double Score, int Pulls, double Mean)> Rank(IReadOnlyCollection<ModelDefinition> arms)
    {
        lock (_lock)
        {
            var total = arms.Sum(a => _arms.GetValueOrDefault(a.Id).Pulls);
            return [.. arms.Select(a =>
                {
                    var (pulls, sum) = _arms.GetValueOrDefault(a.Id);
                    var mean = pulls == 0 ? 0 : sum / pulls;
                    var score = pulls == 0 ? double.PositiveInfinity : mean + Math.Sqrt(2 * Math.Log(total) / pulls);
                    return (Model: a, Score: score, Pulls: pulls, Mean: mean);
                })
                .OrderByDescending(a => a.Score)
                .ThenBy(a => a.Model.BlendedPricePerMillionUsd)
                .ThenBy(a => a.Model.Id, StringComparer.Ordinal)];
        }
    }

    /// <summary>Records one pull of an arm.</summary>
    /// <param name="modelId">The model id.</param>
    /// <param name="reward">The reward in [0, 1].</param>
    public void Record(string modelId, double reward)
    {
        lock (_lock)
        {
            var (pulls, total) = _arms.GetValueOrDefault(modelId);
            _arms[modelId] = (pulls + 1, total + Math.Clamp(reward, 0, 1));
        }
    }

    /// <summary>
    /// Computes a reward in [0, 1] from success, cost and latency, after AgentFlow's reward (success, cost, latency, there in
    /// [−1, 2]) rescaled for UCB1: 0 for a failed attempt; for an answer 1 − ¼·(cost / the same tokens at the tier's most
    /// expensive model) − ¼·min(1, latency / reference latency).
    /// </summary>
    /// <param name="answered">Whether the attempt answered.</param>
    /// <param name="costUsd">The attempt's cost in USD.</param>
    /// <param name="tierMaxCostUsd">The same tokens at the tier's most expensive model, in USD.</param>
    /// <param name="latencyMs">The attempt's duration in milliseconds.</param>
    /// <param name="referenceLatencyMs">The latency in milliseconds at which the latency penalty is full.</param>
    /// <returns>The reward.</returns>
    public static double Reward(bool answered, decimal costUsd, decimal tierMaxCostUsd, double latencyMs, double referenceLatencyMs)
    {
        if (!answered)
        {
            return 0;
        }

        var cost = tierMaxCostUsd <= 0 ? 0 : (double)Math.Min(1, costUsd / tierMaxCostUsd);
        var latency = referenceLatencyMs <= 0 ? 0 : Math.Min(1, latencyMs / referenceLatencyMs);
        return 1 - (0.25 * cost) - (0.25 * latency);
    }
}
