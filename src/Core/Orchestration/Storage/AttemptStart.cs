namespace AgentFunctions.Core.Orchestration.Storage;

/// <summary>What <see cref="IRunStore.BeginAttemptAsync"/> found.</summary>
public abstract record AttemptStart
{
    private AttemptStart()
    {
    }

    /// <summary>The attempt already ran and its result is stored: return it, do not run the node again.</summary>
    /// <param name="Result">The stored result.</param>
    public sealed record Stored(NodeResult Result) : AttemptStart;

    /// <summary>The run ended (failed or cancelled) before this attempt started: do not run it.</summary>
    /// <param name="Status">The run's status.</param>
    public sealed record Withdrawn(RunStatus Status) : AttemptStart;

    /// <summary>The attempt is claimed: run the node, then store its result with the token.</summary>
    /// <param name="Token">The claim token for <see cref="IRunStore.EndAttemptAsync"/>.</param>
    /// <param name="Run">The run's header and graph YAML.</param>
    /// <param name="Reclaimed">True when an earlier execution claimed it and never stored a result (its host died).</param>
    public sealed record Claimed(string Token, StoredRunHeader Run, bool Reclaimed) : AttemptStart;

    /// <summary>The run has no record (it was deleted): nothing to run.</summary>
    public sealed record RunMissing : AttemptStart;
}
