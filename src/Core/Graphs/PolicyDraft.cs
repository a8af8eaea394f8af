using AgentFunctions.Core.Models;
using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Graphs;

/// <summary>Policy keys set in one place (<c>defaults:</c> or a node); null when not set.</summary>
internal sealed class PolicyDraft
{
    public string? Model { get; set; }

    public ModelTier? Tier { get; set; }

    /// <summary>Where <c>tier:</c> was written, for errors.</summary>
    public YamlNode? TierAt { get; set; }

    public int? Retries { get; set; }

    public TimeSpan? Timeout { get; set; }

    public decimal? MaxCostUsd { get; set; }

    public int? MaxOutputTokens { get; set; }

    public bool? Optional { get; set; }

    public bool? ApprovalRequired { get; set; }

    /// <summary>Layers this draft over <paramref name="baseline"/>; a model or tier set here replaces both of the baseline's.</summary>
    public NodePolicy Over(NodePolicy baseline) => new(
        Model ?? (Tier is null ? baseline.Model : null),
        Retries ?? baseline.Retries,
        Timeout ?? baseline.Timeout,
        MaxCostUsd ?? baseline.MaxCostUsd,
        MaxOutputTokens ?? baseline.MaxOutputTokens)
    {
        Tier = Tier ?? (Model is null ? baseline.Tier : null),
        Optional = Optional ?? baseline.Optional,
        ApprovalRequired = ApprovalRequired ?? baseline.ApprovalRequired,
    };
}
