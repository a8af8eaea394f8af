namespace AgentFunctions.Core.Graphs;

/// <summary>What a bounded loop does when its last iteration ends and its <c>until</c> condition is still false.</summary>
public enum LoopExhaustion
{
    /// <summary>Fail the loop node (and with it the run, unless the node is optional). The default.</summary>
    Fail,

    /// <summary>Keep the last iteration's output and go on with the nodes after the loop.</summary>
    Continue,
}
