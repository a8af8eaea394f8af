using System.Globalization;
using System.Text.RegularExpressions;
using AgentFunctions.Core.Models;
using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Graphs;

/// <content>Reading policy keys (<c>defaults:</c> and per node): model or tier, retries, timeout, cost and output tokens.</content>
internal sealed partial class GraphReader
{
    private const int MaxRetries = 10;
    private const int MaxOutputTokensLimit = 200_000;
    private static readonly string[] s_tiers = ["gold", "silver", "bronze"];
    private static readonly string[] s_policyKeys = ["model", "tier", "retries", "timeout", "max_cost_usd", "max_output_tokens", "optional", "approval"];

    private void ReadPolicy(YamlNode value, string field, string? nodeId, PolicyDraft policy)
    {
        if (AsMapping(value, field, nodeId, nullIsEmpty: true) is not { } map)
        {
            return;
        }

        foreach (var (key, _, item) in Entries(map, s_policyKeys, field, nodeId, $"in {field}"))
        {
            ReadPolicyKey(key, item, $"{field}.{key}", nodeId, policy);
        }

        CheckModelOrTier(field, nodeId, policy);
    }

    /// <summary>A model and a tier in the same place contradict each other (as in a skill's frontmatter).</summary>
    private void CheckModelOrTier(string field, string? nodeId, PolicyDraft policy)
    {
        if (policy.Model is not null && policy.Tier is not null && policy.TierAt is { } at)
        {
            var where = nodeId is null ? "The defaults set" : $"Node '{nodeId}' sets";
            Invalid(at, $"{field}.tier", nodeId, $"{where} both 'model:' and 'tier:'; set either model or tier, not both.");
        }
    }

    private void ReadPolicyKey(string key, YamlNode value, string field, string? nodeId, PolicyDraft policy)
    {
        switch (key)
        {
            case "model":
                policy.Model = ReadModel(value, field, nodeId);
                break;
            case "tier":
                policy.Tier = ReadTier(value, field, nodeId);
                policy.TierAt = value;
                break;
            case "retries":
                policy.Retries = ReadInt(value, field, nodeId, 0, MaxRetries);
                break;
            case "timeout":
                policy.Timeout = ReadDuration(value, field, nodeId);
                break;
            case "max_cost_usd":
                policy.MaxCostUsd = ReadUsd(value, field, nodeId);
                break;
            case "optional":
                policy.Optional = ReadBool(value, field, nodeId);
                break;
            case "approval":
                if (ReadString(value, field, nodeId) is { } approval)
                {
                    if (approval is "required" or "none")
                    {
                        policy.ApprovalRequired = approval == "required";
                    }
                    else
                    {
                        Invalid(value, field, nodeId, $"'{approval}' is not an approval policy; use required or none.");
                    }
                }

                break;
            default:
                policy.MaxOutputTokens = ReadInt(value, field, nodeId, 1, MaxOutputTokensLimit);
                break;
        }
    }

    private string? ReadModel(YamlNode value, string field, string? nodeId)
    {
        var model = ReadPatterned(value, field, nodeId, ModelIdPattern(), "a model id 'provider/model', such as 'openai/gpt-4o-mini'");
        if (model is not null && context.Models is { } models && !models.Contains(model))
        {
            var where = nodeId is null ? "The defaults use" : $"Node '{nodeId}' uses";
            errors.Add(GraphErrorCodes.UnknownModel, $"{where} unknown model '{model}'{NameSuggestions.Hint(model, models)}.", value, nodeId, field);
            return null;
        }

        return model;
    }

    /// <summary>Reads a quality tier: <c>gold</c>, <c>silver</c> or <c>bronze</c> (the model router picks the tier's model).</summary>
    private ModelTier? ReadTier(YamlNode value, string field, string? nodeId)
    {
        if (ReadString(value, field, nodeId) is not { } text)
        {
            return null;
        }

        if (!s_tiers.Contains(text, StringComparer.Ordinal))
        {
            Invalid(value, field, nodeId, $"'{text}' is not a tier; use gold, silver or bronze.");
            return null;
        }

        return Enum.Parse<ModelTier>(text, ignoreCase: true);
    }

    /// <summary>Reads a duration such as <c>500ms</c>, <c>30s</c>, <c>2m</c> or <c>1h</c>: positive and at most 24 hours.</summary>
    private TimeSpan? ReadDuration(YamlNode value, string field, string? nodeId)
    {
        if (ReadString(value, field, nodeId) is not { } text)
        {
            return null;
        }

        if (!Units.TryParseDuration(text, out var duration))
        {
            Invalid(value, field, nodeId, $"'{text}' is not a duration; write a whole number with a unit (500ms, 30s, 2m or 1h), more than zero and at most 24h.");
            return null;
        }

        return duration;
    }

    /// <summary>Reads an amount in USD: a number (<c>0.5</c>) or a string (<c>"$0.50"</c>); never negative.</summary>
    private decimal? ReadUsd(YamlNode value, string field, string? nodeId)
    {
        if (ReadString(value, field, nodeId) is not { } text)
        {
            return null;
        }

        if (!Units.TryParseUsd(text, out var amount))
        {
            Invalid(value, field, nodeId, $"'{text}' is not an amount in USD; write a number of zero or more, such as 0.50 or \"$0.50\".");
            return null;
        }

        return amount;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*/\\S+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ModelIdPattern();
}
