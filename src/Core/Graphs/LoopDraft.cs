using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Graphs;

/// <summary>A node's <c>loop:</c> as read, with the YAML nodes its errors point at; fields stay null when a value was invalid.</summary>
internal sealed class LoopDraft(YamlNode key)
{
    /// <summary>Gets the <c>loop</c> key of the node.</summary>
    public YamlNode Key { get; } = key;

    public string? BackTo { get; set; }

    public YamlNode? BackToAt { get; set; }

    public GraphCondition? Until { get; set; }

    public YamlNode? UntilAt { get; set; }

    public int MaxIterations { get; set; } = NodeLoop.DefaultMaxIterations;

    public LoopExhaustion OnExhausted { get; set; } = LoopExhaustion.Fail;

    /// <summary>Builds the loop, or null when a required part was missing or invalid (an error was reported).</summary>
    public NodeLoop? Build() => BackTo is not null && Until is not null ? new NodeLoop(BackTo, Until, MaxIterations, OnExhausted) : null;
}
