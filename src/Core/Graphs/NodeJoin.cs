namespace AgentFunctions.Core.Graphs;

/// <summary>A node's join policy: how many of its needed nodes must succeed before it runs.</summary>
/// <param name="Mode"><c>all</c>, <c>any</c> or <c>quorum</c>.</param>
/// <param name="Quorum">For <see cref="JoinMode.Quorum"/>, how many needed nodes must succeed (1 to the number of needs);
/// 1 for <see cref="JoinMode.Any"/>; 0 for <see cref="JoinMode.All"/>.</param>
public sealed record NodeJoin(JoinMode Mode, int Quorum)
{
    /// <summary>Gets the default join: every needed node.</summary>
    public static NodeJoin All { get; } = new(JoinMode.All, 0);

    /// <summary>Gets the join that runs after the first needed node succeeded.</summary>
    public static NodeJoin Any { get; } = new(JoinMode.Any, 1);

    /// <summary>Formats the join as written in YAML: <c>all</c>, <c>any</c> or <c>quorum: n</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Mode switch
    {
        JoinMode.All => "all",
        JoinMode.Any => "any",
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"quorum: {Quorum}"),
    };
}
