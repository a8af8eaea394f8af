namespace AgentFunctions.Core.Graphs;

/// <summary>
/// A bounded refinement loop, declared on its last node: when that node succeeds and <see cref="Until"/> is false, the
/// nodes from <see cref="BackTo"/> through it run again as a new iteration, at most <see cref="MaxIterations"/> times.
/// </summary>
/// <param name="BackTo">The first node of the loop body (upstream of the loop node, or the loop node itself).</param>
/// <param name="Until">The condition that ends the loop, evaluated after each iteration.</param>
/// <param name="MaxIterations">Most iterations, counting the first (1–10).</param>
/// <param name="OnExhausted">What happens when the last iteration ends with <see cref="Until"/> still false.</param>
public sealed record NodeLoop(string BackTo, GraphCondition Until, int MaxIterations, LoopExhaustion OnExhausted)
{
    /// <summary>The default <c>max_iterations</c>.</summary>
    public const int DefaultMaxIterations = 3;

    /// <summary>The largest <c>max_iterations</c> a graph may set.</summary>
    public const int MaxIterationsLimit = 10;
}
