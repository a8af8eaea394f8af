namespace AgentFunctions.Core.Tools.Patches;

/// <summary>One proposal given to <c>patch.select</c>: a candidate node's output.</summary>
/// <param name="Name">The candidate's name (usually the proposing node's id).</param>
/// <param name="Patch">The unified diff; empty when the candidate proposes no change.</param>
/// <param name="Summary">The candidate's own summary of its change, or null.</param>
internal sealed record PatchCandidate(string Name, string Patch, string? Summary)
{
    public bool ProposesChange => !string.IsNullOrWhiteSpace(Patch);
}
