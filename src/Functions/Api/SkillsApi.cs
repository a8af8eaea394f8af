using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Context;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Skills;

namespace AgentFunctions.Functions.Api;

/// <summary>Maps the skill endpoints: list, show, and execute one skill (or dry-run it).</summary>
internal static class SkillsApi
{
    private const int DefaultWaitSeconds = 30;
    private const int MaxWaitSeconds = 120;

    public static IEndpointRouteBuilder MapSkillsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/skills", List);
        app.MapGet("/api/skills/{domain}/{skill}", Get);
        app.MapPost("/api/skills/{domain}/{skill}/execute", ExecuteAsync);
        return app;
    }

    private static IResult List(SkillCatalog skills) => Results.Ok(new
    {
        skills = skills.All.Select(s => Summary(s)),
        issues = skills.Issues.Select(i => new { file = i.Path, line = i.Line, error = i.IsError, message = i.Message }),
    });

    private static IResult Get(string domain, string skill, SkillCatalog skills) =>
        skills.Find($"{domain}/{skill}") is { } found
            ? Results.Ok(new
            {
                skill = Summary(found),
                body = found.Body,
                routesTo = found.RoutesTo.Select(r => new { target = r.Target, when = r.When }),
                inputSchema = found.InputSchema?.Node,
                outputSchema = found.OutputSchema?.Node,
                validation = Validation(SkillValidator.ValidateSkill(skills.Root, found.Id)),
            })
            : NotFound(domain, skill);

    private static async Task<IResult> ExecuteAsync(string domain, string skill, HttpRequest request, SkillCatalog skills, SkillExecutionService execution, RunService runs, CancellationToken cancellationToken)
    {
        if (skills.Find($"{domain}/{skill}") is not { } found)
        {
            return NotFound(domain, skill);
        }

        ExecuteRequest? body;
        try
        {
            body = request.ContentLength is 0 ? new ExecuteRequest(null, null, null, null) : await JsonSerializer.DeserializeAsync<ExecuteRequest>(request.Body, MessageCodec.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Problems.Result(400, "invalid-json", "The request body is not valid JSON.", ex.Message);
        }

        body ??= new ExecuteRequest(null, null, null, null);
        try
        {
            if (body.DryRun == true)
            {
                return Results.Ok(execution.DryRun(found, body.Input, body.ModelOverride));
            }

            return await execution.StartAsync(found, body.Input, body.ModelOverride, cancellationToken) switch
            {
                RunAccepted accepted => await WaitAsync(accepted.RunId, SkillExecutionService.NodeIdOf(found), body.WaitSeconds, runs, cancellationToken),
                RunRequestInvalid invalid => Problems.Result(400, "invalid-skill-request", invalid.Title, string.Join("\n", invalid.Errors.Select(e => e.ToString())), invalid.Errors),
                _ => throw new InvalidOperationException("Unexpected outcome for a one-node skill run."),
            };
        }
        catch (ArgumentException ex)
        {
            return Problems.Result(400, "invalid-skill-request", "The input is invalid.", ex.Message);
        }
        catch (ContextBudgetExceededException ex)
        {
            return Problems.Result(400, "context-too-large", "The prompt does not fit the context budget.", ex.Message);
        }
    }

    private static async Task<IResult> WaitAsync(string runId, string nodeId, int? waitSeconds, RunService runs, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(Math.Clamp(waitSeconds ?? DefaultWaitSeconds, 0, MaxWaitSeconds));
        var links = new { run = $"/api/runs/{runId}", events = $"/api/runs/{runId}/events" };
        while (true)
        {
            var run = await runs.GetAsync(runId, cancellationToken);
            if (run is not null && run.Status is "succeeded" or "failed")
            {
                var node = run.Nodes.Single(n => n.Id == nodeId);
                return Results.Ok(new { runId, node = nodeId, status = run.Status, node.Output, node.Error, node.Model, node.Provider, node.Recorded, node.Tokens, node.CostUsd, node.DurationMs, node.Details, links });
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                return Results.Accepted(links.run, new { runId, node = nodeId, status = run?.Status ?? "pending", links });
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static object Validation(SkillValidationReport report) => new
    {
        valid = report.IsValid,
        errors = report.Errors.Select(Issue),
        warnings = report.Warnings.Select(Issue),
    };

    private static object Issue(SkillIssue i) => new { code = i.Code, file = i.Path, line = i.Line, message = i.Message };

    private static object Summary(SkillDefinition s) => new
    {
        id = s.Id,
        domain = s.Domain,
        name = s.Name,
        role = s.Role,
        trigger = s.Trigger,
        model = s.Model,
        description = s.Description,
        version = s.Version,
        costBudgetPerExecutionUsd = s.CostBudgetPerExecutionUsd,
        timeoutMs = s.Timeout is { } t ? (long?)t.TotalMilliseconds : null,
        maxOutputTokens = s.MaxOutputTokens,
        output = s.OutputFormat,
    };

    private static IResult NotFound(string domain, string skill) =>
        Problems.Result(404, "skill-not-found", "Skill not found.", $"No skill '{domain}/{skill}'.");

    /// <summary>The body of <c>POST /api/skills/{domain}/{skill}/execute</c>.</summary>
    internal sealed record ExecuteRequest(JsonObject? Input, string? ModelOverride, bool? DryRun, int? WaitSeconds);
}
