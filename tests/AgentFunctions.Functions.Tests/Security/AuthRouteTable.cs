namespace AgentFunctions.Functions.Tests.Security;

/// <summary>
/// Every authenticated endpoint with the role it needs and how to address an <c>engineering</c> and an <c>hr</c> resource through it.
/// Placeholders: <c>{run}</c> a run of the domain, <c>{node}</c> its skill node, <c>{skill}</c> a skill <c>domain/name</c>, <c>{domain}</c>,
/// <c>{key}</c> a fresh key of the domain (made per request), <c>{graphYaml}</c> an inline one-node graph of the domain.
/// A list endpoint (<see cref="Row.IsList"/>) has no resource of its own: it answers 200 and shows only the caller's domains.
/// </summary>
internal static class AuthRouteTable
{
    public static readonly Row[] Rows =
    [
        new("ListDomains", "GET", "api/domains", null, "reader", IsList: true),
        new("GetDomain", "GET", "api/domains/{domain}", null, "reader"),
        new("Mcp", "GET", "api/domains/{domain}/mcp", null, "runner"),
        new("CreateRun", "POST", "api/runs", """{"graphYaml": {graphYaml}}""", "runner"),
        new("ListRuns", "GET", "api/runs", null, "reader", IsList: true),
        new("StreamRuns", "GET", "api/runs/stream", null, "reader", IsList: true),
        new("GetRun", "GET", "api/runs/{run}", null, "reader"),
        new("GetRunEvents", "GET", "api/runs/{run}/events", null, "reader"),
        new("StreamRunEvents", "GET", "api/runs/{run}/events/stream", null, "reader"),
        new("DecideApproval", "POST", "api/runs/{run}/approvals", """{"approved": true}""", "runner"),
        new("CancelRun", "POST", "api/runs/{run}/cancel", """{"by": "auth-test"}""", "runner"),
        new("CompareRuns", "GET", "api/runs/{run}/compare/{run}", null, "reader"),
        new("ReplayRun", "POST", "api/runs/{run}/replay", """{"fromNode": "{node}", "mode": "recorded"}""", "runner"),
        new("CorrectNode", "POST", "api/runs/{run}/nodes/{node}/corrections", """{"text": "auth test: keep the summary short", "by": "auth-test"}""", "runner"),
        new("ListCorrections", "GET", "api/knowledge/corrections?skill={skill}", null, "reader"),
        new("ListReflexions", "GET", "api/knowledge/reflexions?skill={skill}", null, "reader"),
        new("ListRegressionTests", "GET", "api/knowledge/tests?skill={skill}", null, "reader"),
        new("KnowledgeStats", "GET", "api/knowledge/stats?skill={skill}", null, "reader"),
        new("ValidateSkill", "POST", "api/knowledge/validate/{skill}", null, "runner"),
        new("ListValidations", "GET", "api/knowledge/validations/{skill}", null, "reader"),
        new("GetValidation", "GET", "api/knowledge/validations/{skill}/VAL-none", null, "reader"),
        new("ExportRegressionTests", "GET", "api/knowledge/tests/{skill}/export?format=promptfoo", null, "reader"),
        new("ListSkills", "GET", "api/skills", null, "reader", IsList: true),
        new("GetSkill", "GET", "api/skills/{skill}", null, "reader"),
        new("ExecuteSkill", "POST", "api/skills/{skill}/execute", """{"waitSeconds": 0}""", "runner"),
        new("ListGraphs", "GET", "api/graphs", null, "reader", IsList: true),
        new("GetGraph", "GET", "api/graphs/{graph}", null, "reader"),
        new("CreateApiKey", "POST", "api/keys", """{"name": "made by auth test", "role": "reader", "domains": ["{domain}"]}""", "admin"),
        new("ListApiKeys", "GET", "api/keys", null, "admin", IsList: true),
        new("RevokeApiKey", "DELETE", "api/keys/{key}", null, "admin"),
    ];

    /// <summary>One endpoint.</summary>
    /// <param name="Function">The function name.</param>
    /// <param name="Method">The HTTP method.</param>
    /// <param name="Path">The path with placeholders.</param>
    /// <param name="Body">The JSON body with placeholders, or null.</param>
    /// <param name="Role">The role it needs.</param>
    /// <param name="IsList">True for a list filtered by the caller's domains.</param>
    internal sealed record Row(string Function, string Method, string Path, string? Body, string Role, bool IsList = false);
}
