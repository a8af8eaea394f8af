using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Auth;
using AgentFunctions.Core.Context;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Skills;
using AgentFunctions.Functions.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AgentFunctions.Functions.Http;

/// <summary>The skill endpoints: list, show, and execute one skill (or dry-run it).</summary>
/// <param name="skills">The skills catalog.</param>
/// <param name="execution">Runs one skill.</param>
/// <param name="runs">Reads the one-node run.</param>
public sealed class SkillsFunctions(SkillCatalog skills, SkillExecutionService execution, RunService runs)
{
    private const int DefaultWaitSeconds = 30;
    private const int MaxWaitSeconds = 120;

    /// <summary><c>GET /api/skills</c>: the skills of the key's domains, with their load issues.</summary>
    /// <param name="request">The request.</param>
    /// <returns>200 with the skills.</returns>
    [Function("ListSkills")]
    public IResult List([HttpTrigger(AuthorizationLevel.Function, "get", Route = "skills")] HttpRequest request) => Results.Ok(new
    {
        skills = skills.All.Where(s => Access.CanRead(request, [s.Domain])).Select(s => Summary(s)),
        issues = skills.Issues.Where(i => Access.CanRead(request, [DomainOfFile(i.Path)]))
            .Select(i => new { file = i.Path, line = i.Line, error = i.IsError, message = i.Message }),
    });

    /// <summary><c>GET /api/skills/{domain}/{skill}</c>: one skill with its validation report, routes and schemas.</summary>
    /// <param name="request">The request.</param>
    /// <param name="domain">The domain.</param>
    /// <param name="skill">The skill name.</param>
    /// <returns>200 with the skill, or 404.</returns>
    [Function("GetSkill")]
    public IResult Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "skills/{domain}/{skill}")] HttpRequest request, string domain, string skill) =>
        Access.Check(request, ApiRole.Reader, domain, $"skill '{domain}/{skill}'") ?? (skills.Find($"{domain}/{skill}") is { } found
            ? Results.Ok(new
            {
                skill = Summary(found),
                body = found.Body,
                routesTo = found.RoutesTo.Select(r => new { target = r.Target, when = r.When }),
                inputSchema = found.InputSchema?.Node,
                outputSchema = found.OutputSchema?.Node,
                validation = Validation(SkillValidator.ValidateSkill(skills.Root, found.Id)),
            })
            : NotFound(domain, skill));

    /// <summary><c>POST /api/skills/{domain}/{skill}/execute</c>: runs one skill as a one-node run, or dry-runs it.</summary>
    /// <param name="request">The request (<c>{"input", "modelOverride", "dryRun", "waitSeconds"}</c>).</param>
    /// <param name="domain">The domain.</param>
    /// <param name="skill">The skill name.</param>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>200 with the output (or the dry run, which a reader key may ask for), 202 when it runs longer than <c>waitSeconds</c>, 400,
    /// 403 outside the key's domains or for a reader key, or 404.</returns>
    [Function("ExecuteSkill")]
    public async Task<IResult> ExecuteAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "skills/{domain}/{skill}/execute")] HttpRequest request, string domain, string skill,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Access.Check(request, ApiRole.Reader, domain, $"skill '{domain}/{skill}'") is { } unreadable)
        {
            return unreadable;
        }

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

            if (Access.Check(request, ApiRole.Runner, domain, $"executing skill '{found.Id}'") is { } denied)
            {
                return denied;
            }

            return await execution.StartAsync(found, body.Input, body.ModelOverride, client, cancellationToken) switch
            {
                RunAccepted accepted => await WaitAsync(accepted.RunId, SkillExecutionService.NodeIdOf(found), body.WaitSeconds, cancellationToken),
                RunInputTooLarge big => RunLimitProblems.InputTooLarge(big),
                DomainRunCapReached full => RunLimitProblems.CapReached(request, full),
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

    private async Task<IResult> WaitAsync(string runId, string nodeId, int? waitSeconds, CancellationToken cancellationToken)
    {
        var links = new { run = $"/api/runs/{runId}", events = $"/api/runs/{runId}/events" };
        var run = await runs.WaitAsync(runId, TimeSpan.FromSeconds(Math.Clamp(waitSeconds ?? DefaultWaitSeconds, 0, MaxWaitSeconds)), stopWhenAwaitingApproval: false, cancellationToken);
        if (run is not null && run.Status is "succeeded" or "failed" or "cancelled")
        {
            var node = run.Nodes.Single(n => n.Id == nodeId);
            return Results.Ok(new { runId, node = nodeId, status = run.Status, node.Output, node.Error, node.Model, node.Provider, node.Recorded, node.Tokens, node.CostUsd, node.DurationMs, node.Details, links });
        }

        return Results.Accepted(links.run, new { runId, node = nodeId, status = run?.Status ?? "pending", links });
    }

    private static object Validation(SkillValidationReport report) => new
    {
        valid = report.IsValid,
        errors = report.Errors.Select(Issue),
        warnings = report.Warnings.Select(Issue),
    };

    private static object Issue(SkillIssue i) => new { code = i.Code, file = i.Path, line = i.Line, message = i.Message };

    private object Summary(SkillDefinition s) => new
    {
        id = s.Id,
        domain = s.Domain,
        name = s.Name,
        role = s.Role,
        trigger = s.Trigger,
        model = execution.ModelOf(s).Model,
        tier = s.Tier?.ToString().ToLowerInvariant(),
        description = s.Description,
        version = s.Version,
        costBudgetPerExecutionUsd = s.CostBudgetPerExecutionUsd,
        timeoutMs = s.Timeout is { } t ? (long?)t.TotalMilliseconds : null,
        maxOutputTokens = s.MaxOutputTokens,
        output = s.OutputFormat,
    };

    // The domain folder of a skill file (skills/<domain>/…), or "" for a file outside any domain (WORKSPACE.md).
    private string DomainOfFile(string path)
    {
        var relative = Path.GetRelativePath(skills.Root, path).Replace('\\', '/');
        return relative.Contains('/', StringComparison.Ordinal) && !relative.StartsWith("..", StringComparison.Ordinal) ? relative[..relative.IndexOf('/', StringComparison.Ordinal)] : string.Empty;
    }

    private static IResult NotFound(string domain, string skill) =>
        Problems.Result(404, "skill-not-found", "Skill not found.", $"No skill '{domain}/{skill}'.");

    /// <summary>The body of <c>POST /api/skills/{domain}/{skill}/execute</c>.</summary>
    internal sealed record ExecuteRequest(JsonObject? Input, string? ModelOverride, bool? DryRun, int? WaitSeconds);
}
