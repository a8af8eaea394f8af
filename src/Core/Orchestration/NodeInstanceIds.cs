using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AgentFunctions.Core.Orchestration;

/// <summary>
/// Ids of the instances of a <c>for_each</c> node: <c>review[0]</c>, <c>review[1]</c> … Graph node ids cannot hold
/// <c>[</c>, so an instance id never collides with a node id. Instances have their own node rows (<c>node|review[3]</c>),
/// work items and result rows.
/// </summary>
public static class NodeInstanceIds
{
    /// <summary>Gets the id of instance <paramref name="index"/> of a node.</summary>
    /// <param name="nodeId">The <c>for_each</c> node.</param>
    /// <param name="index">The 0-based item position.</param>
    /// <returns><c>nodeId[index]</c>.</returns>
    public static string Of(string nodeId, int index) => string.Create(CultureInfo.InvariantCulture, $"{nodeId}[{index}]");

    /// <summary>Gets the graph node id of a node or instance id (<c>review[3]</c> → <c>review</c>; <c>planner</c> → <c>planner</c>).</summary>
    /// <param name="id">A node or instance id.</param>
    /// <returns>The graph node id.</returns>
    public static string BaseOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var open = id.IndexOf('[', StringComparison.Ordinal);
        return open < 0 ? id : id[..open];
    }

    /// <summary>Reads an instance id.</summary>
    /// <param name="id">A node or instance id.</param>
    /// <param name="nodeId">The graph node id when <paramref name="id"/> is an instance id.</param>
    /// <param name="index">The item position when <paramref name="id"/> is an instance id.</param>
    /// <returns>True for an instance id.</returns>
    public static bool TryParse(string id, [NotNullWhen(true)] out string? nodeId, out int index)
    {
        ArgumentNullException.ThrowIfNull(id);
        (nodeId, index) = (null, -1);
        var open = id.IndexOf('[', StringComparison.Ordinal);
        if (open <= 0 || !id.EndsWith(']')
            || !int.TryParse(id.AsSpan(open + 1, id.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            index = -1;
            return false;
        }

        nodeId = id[..open];
        return true;
    }
}
