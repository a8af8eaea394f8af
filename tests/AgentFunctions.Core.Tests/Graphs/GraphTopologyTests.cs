using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Tests.Graphs;

public sealed class GraphTopologyTests
{
    // plan fans out to py and web, which fan in to test; docs is independent.
    private static readonly GraphTopology s_topology = new(GraphTestData.LoadValid("""
        name: diamond
        nodes:
          test: { skill: engineering/reviewer, needs: [py, web] }
          py: { skill: engineering/python-fixer, needs: plan }
          web: { skill: engineering/python-fixer, needs: plan }
          plan: { skill: engineering/planner }
          docs: { skill: engineering/planner }
        """));

    [Fact]
    public void Roots_FanOutFanIn_AreNodesWithoutNeedsInFileOrder() =>
        Assert.Equal(["plan", "docs"], s_topology.Roots);

    [Fact]
    public void Leaves_FanOutFanIn_AreNodesNobodyNeeds() =>
        Assert.Equal(["test", "docs"], s_topology.Leaves);

    [Fact]
    public void Successors_FanOut_ListsDirectSuccessorsInFileOrder()
    {
        Assert.Equal(["py", "web"], s_topology.Successors("plan"));
        Assert.Empty(s_topology.Successors("test"));
    }

    [Fact]
    public void TransitivePredecessors_FanIn_ReturnsAllAncestors()
    {
        Assert.Equal(new HashSet<string> { "py", "web", "plan" }, s_topology.TransitivePredecessors("test"));
        Assert.Empty(s_topology.TransitivePredecessors("plan"));
    }

    [Fact]
    public void TransitiveSuccessors_Root_ReturnsEverythingDownstream() =>
        Assert.Equal(new HashSet<string> { "py", "web", "test" }, s_topology.TransitiveSuccessors("plan"));

    [Fact]
    public void TopologicalOrder_Diamond_PutsNeedsFirstAndPrefersEarliestReadyNode() =>
        Assert.Equal(["plan", "py", "web", "test", "docs"], s_topology.TopologicalOrder());

    [Fact]
    public void Successors_UnknownNode_Throws() =>
        Assert.Throws<ArgumentException>(() => s_topology.Successors("ghost"));
}
