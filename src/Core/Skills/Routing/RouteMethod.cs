using System.Text.Json.Serialization;

namespace AgentFunctions.Core.Skills.Routing;

/// <summary>How a <see cref="RouteDecision"/> was made; serialized as <c>keywords</c> or <c>model</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RouteMethod>))]
public enum RouteMethod
{
    /// <summary>By counting the <c>when:</c> keywords found in the input's text (<see cref="SkillRouter.ClassifyByKeywords"/>).</summary>
    [JsonStringEnumMemberName("keywords")]
    Keywords,

    /// <summary>By a model's answer to the routing prompt (<see cref="SkillRouter.ParseModelAnswer"/>).</summary>
    [JsonStringEnumMemberName("model")]
    Model,
}
