namespace AgentFunctions.Core.Graphs;

/// <summary>Policy keys set in one place (<c>defaults:</c> or a node); null when not set.</summary>
internal sealed class PolicyDraft
{
    public string? Model { get; set; }

    public int? Retries { get; set; }

    public TimeSpan? Timeout { get; set; }

    public decimal? MaxCostUsd { get; set; }

    public int? MaxOutputTokens { get; set; }

    public bool? Optional { get; set; }

    public bool? ApprovalRequired { get; set; }

    /// <summary>Layers this draft over <paramref name="baseline"/>.</summary>
    public NodePolicy Over(NodePolicy baseline) => new(
        Model ?? baseline.Model,
        Retries ?? baseline.Retries,
        Timeout ?? baseline.Timeout,
        MaxCostUsd ?? baseline.MaxCostUsd,
        MaxOutputTokens ?? baseline.MaxOutputTokens)
    {
        Optional = Optional ?? baseline.Optional,
        ApprovalRequired = ApprovalRequired ?? baseline.ApprovalRequired,
    };
}
