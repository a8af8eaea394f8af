namespace AgentFunctions.Core.Graphs;

/// <summary>When a node with several needs may run (its <c>join:</c>).</summary>
public enum JoinMode
{
    /// <summary>After every needed node is done (the default): none failed, and not all of them were skipped by conditions.</summary>
    All,

    /// <summary>As soon as one needed node succeeded.</summary>
    Any,

    /// <summary>As soon as <see cref="NodeJoin.Quorum"/> needed nodes succeeded.</summary>
    Quorum,
}
