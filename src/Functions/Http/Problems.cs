using AgentFunctions.Core.Graphs;
using Microsoft.AspNetCore.Mvc;

namespace AgentFunctions.Functions.Http;

/// <summary>Builds RFC 7807 problem details with a stable <c>type</c> and <c>code</c> for every API error.</summary>
internal static class Problems
{
    private const string TypeBase = "https://agentfunctions.dev/problems/";

    public static ProblemDetails Create(int status, string code, string title, string detail, IReadOnlyList<GraphError>? errors = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Type = TypeBase + code,
            Title = title,
            Detail = detail,
        };
        problem.Extensions["code"] = code;
        if (errors is { Count: > 0 })
        {
            problem.Extensions["errors"] = errors.Select(e => new
            {
                code = e.Code,
                message = e.Message,
                field = e.Field,
                line = e.Line,
                column = e.Column,
                node = e.NodeId,
            }).ToList();
        }

        return problem;
    }

    public static IResult Result(int status, string code, string title, string detail, IReadOnlyList<GraphError>? errors = null) =>
        Results.Problem(Create(status, code, title, detail, errors));
}
