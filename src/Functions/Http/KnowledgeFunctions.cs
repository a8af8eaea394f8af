using AgentFunctions.Core.Auth;
using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Learning.Corrections;
using AgentFunctions.Core.Learning.Exports;
using AgentFunctions.Core.Learning.Messages;
using AgentFunctions.Core.Learning.Queries;
using AgentFunctions.Core.Learning.Validation;
using AgentFunctions.Core.Orchestration;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Storage;
using AgentFunctions.Functions.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Functions.Http;

/// <summary>The learning loop's endpoints: corrections, rules, regression tests, validation, stats and exports.</summary>
/// <param name="executions">Finds the execution a correction corrects.</param>
/// <param name="learning">Stores corrections.</param>
/// <param name="validation">Requests validations.</param>
/// <param name="queries">Reads what was learned.</param>
/// <param name="skills">The skills catalog.</param>
/// <param name="storage">The queues the work goes to.</param>
/// <param name="payloads">Moves large messages to blobs.</param>
/// <param name="options">The learning queues' names.</param>
/// <param name="runs">Finds a corrected run's domains.</param>
public sealed class KnowledgeFunctions(
    IExecutionLookup executions,
    LearningService learning,
    ValidationService validation,
    KnowledgeQueries queries,
    SkillCatalog skills,
    StorageClients storage,
    PayloadStore payloads,
    IOptions<LearningOptions> options,
    RunService runs)
{
    /// <summary><c>POST /api/runs/{runId}/nodes/{nodeId}/corrections</c> (<c>{"text", "correctedOutput", "by"}</c>): corrects a skill execution.</summary>
    /// <param name="request">The request.</param>
    /// <param name="runId">The run.</param>
    /// <param name="nodeId">The skill node.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>202 queued, 200 for a repeated correction, 400 naming the field, or 404.</returns>
    [Function("CorrectNode")]
    public async Task<IResult> CorrectAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs/{runId}/nodes/{nodeId}/corrections")] HttpRequest request, string runId, string nodeId,
        CancellationToken cancellationToken)
    {
        if (await RunsFunctions.DenyAsync(request, runs, runId, ApiRole.Runner, cancellationToken) is { } denied)
        {
            return denied;
        }

        var (body, problem) = await Bodies.ReadAsync<CorrectionBody>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (await executions.FindAsync(runId, nodeId, cancellationToken) is not { } execution)
        {
            return Problems.Result(404, "execution-not-found", "Execution not found.",
                $"Run '{runId}' has no finished skill execution at node '{nodeId}' (only a succeeded skill node can be corrected).");
        }

        return await learning.SubmitCorrectionAsync(execution, new CorrectionRequest(body?.Text ?? string.Empty, body?.CorrectedOutput, body?.By), cancellationToken) switch
        {
            CorrectionInvalid invalid => Results.Problem(WithField(Problems.Create(400, "invalid-correction", "The correction is invalid.", invalid.Message), invalid.Field)),
            CorrectionAccepted { IsDuplicate: true } duplicate => Results.Ok(new
            {
                correctionId = duplicate.CorrectionId,
                skill = duplicate.SkillId,
                duplicateOf = duplicate.DuplicateOf,
                message = $"Same correction as {duplicate.DuplicateOf} on this run and node; nothing new was stored.",
            }),
            CorrectionAccepted accepted => await EnqueueAsync(options.Value.CorrectionsQueue, runId, LearningMessageCodec.Serialize(CorrectionMessage.Stored(accepted.SkillId, accepted.CorrectionId)),
                Results.Accepted($"/api/knowledge/corrections?skill={accepted.SkillId}", new
                {
                    correctionId = accepted.CorrectionId,
                    skill = accepted.SkillId,
                    links = new { corrections = $"/api/knowledge/corrections?skill={accepted.SkillId}", reflexions = $"/api/knowledge/reflexions?skill={accepted.SkillId}", tests = $"/api/knowledge/tests?skill={accepted.SkillId}" },
                }), cancellationToken),
            _ => throw new InvalidOperationException("Unknown correction outcome."),
        };
    }

    /// <summary><c>GET /api/knowledge/corrections?skill=d/s</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>200 with the corrections.</returns>
    [Function("ListCorrections")]
    public async Task<IResult> ListCorrectionsAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "knowledge/corrections")] HttpRequest request, CancellationToken cancellationToken) =>
        DenySkill(request, ApiRole.Reader) ?? Results.Ok(new { corrections = Visible(request, await queries.ListCorrectionsAsync(SkillOf(request), cancellationToken), c => c.SkillId) });

    /// <summary><c>GET /api/knowledge/reflexions?skill=d/s</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>200 with the rules.</returns>
    [Function("ListReflexions")]
    public async Task<IResult> ListReflexionsAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "knowledge/reflexions")] HttpRequest request, CancellationToken cancellationToken) =>
        DenySkill(request, ApiRole.Reader) ?? Results.Ok(new { reflexions = Visible(request, await queries.ListReflexionsAsync(SkillOf(request), cancellationToken), r => r.SkillId) });

    /// <summary><c>GET /api/knowledge/tests?skill=d/s</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>200 with the regression tests.</returns>
    [Function("ListRegressionTests")]
    public async Task<IResult> ListTestsAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "knowledge/tests")] HttpRequest request, CancellationToken cancellationToken) =>
        DenySkill(request, ApiRole.Reader) ?? Results.Ok(new { tests = Visible(request, await queries.ListTestsAsync(SkillOf(request), cancellationToken), t => t.SkillId) });

    /// <summary><c>GET /api/knowledge/stats?skill=d/s</c>: accept rate per day, corrections, rules by status, test pass rate.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>200 with the stats of one skill, or of every skill without <c>skill</c>.</returns>
    [Function("KnowledgeStats")]
    public async Task<IResult> StatsAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "knowledge/stats")] HttpRequest request, CancellationToken cancellationToken) =>
        DenySkill(request, ApiRole.Reader) ?? (SkillOf(request) is { } skill
            ? Results.Ok(await queries.GetStatsAsync(skill, cancellationToken))
            : Results.Ok(new { skills = Visible(request, await queries.ListStatsAsync(cancellationToken), s => s.SkillId) }));

    /// <summary><c>POST /api/knowledge/validate/{domain}/{skill}</c>: queues a run of the skill's regression tests.</summary>
    /// <param name="request">The request.</param>
    /// <param name="domain">The domain.</param>
    /// <param name="skill">The skill name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>202 with the validation id, or 404.</returns>
    [Function("ValidateSkill")]
    public async Task<IResult> ValidateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "knowledge/validate/{domain}/{skill}")] HttpRequest request, string domain, string skill, CancellationToken cancellationToken)
    {
        var id = $"{domain}/{skill}";
        if (Access.Check(request, ApiRole.Runner, domain, $"validating '{id}'") is { } denied)
        {
            return denied;
        }

        if (skills.Find(id) is null)
        {
            return Problems.Result(404, "skill-not-found", "Skill not found.", $"No skill '{id}'.");
        }

        var validationId = await validation.RequestValidationAsync(id, cancellationToken);
        var link = $"/api/knowledge/validations/{domain}/{skill}/{validationId}";
        return await EnqueueAsync(options.Value.ValidationsQueue, id, LearningMessageCodec.Serialize(ValidationMessage.Requested(id, validationId)),
            Results.Accepted(link, new { validationId, skill = id, status = "queued", links = new { self = link } }), cancellationToken);
    }

    /// <summary><c>GET /api/knowledge/validations/{domain}/{skill}</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="domain">The domain.</param>
    /// <param name="skill">The skill name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>200 with the skill's validations.</returns>
    [Function("ListValidations")]
    public async Task<IResult> ListValidationsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "knowledge/validations/{domain}/{skill}")] HttpRequest request, string domain, string skill, CancellationToken cancellationToken) =>
        Access.Check(request, ApiRole.Reader, domain, $"the validations of '{domain}/{skill}'")
            ?? Results.Ok(new { validations = await queries.ListValidationsAsync($"{domain}/{skill}", cancellationToken) });

    /// <summary><c>GET /api/knowledge/validations/{domain}/{skill}/{validationId}</c>: results per test and per rule.</summary>
    /// <param name="request">The request.</param>
    /// <param name="domain">The domain.</param>
    /// <param name="skill">The skill name.</param>
    /// <param name="validationId">The validation.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>200 with the report, or 404.</returns>
    [Function("GetValidation")]
    public async Task<IResult> GetValidationAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "knowledge/validations/{domain}/{skill}/{validationId}")] HttpRequest request,
        string domain, string skill, string validationId, CancellationToken cancellationToken) =>
        Access.Check(request, ApiRole.Reader, domain, $"the validations of '{domain}/{skill}'") ?? (await queries.GetValidationAsync($"{domain}/{skill}", validationId, cancellationToken) is { } report
            ? Results.Ok(report)
            : Problems.Result(404, "validation-not-found", "Validation not found.", $"No validation '{validationId}' of {domain}/{skill}."));

    /// <summary><c>GET /api/knowledge/tests/{domain}/{skill}/export?format=promptfoo|deepeval&amp;rubric=&amp;baseUrl=</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="domain">The domain.</param>
    /// <param name="skill">The skill name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>200 with the suite (YAML or JSON), 400 for an unknown format, or 409 when no test would check anything (an empty suite passes).</returns>
    [Function("ExportRegressionTests")]
    public async Task<IResult> ExportAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "knowledge/tests/{domain}/{skill}/export")] HttpRequest request, string domain, string skill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = $"{domain}/{skill}";
        if (Access.Check(request, ApiRole.Reader, domain, $"the regression tests of '{id}'") is { } denied)
        {
            return denied;
        }

        var tests = await queries.ListTestsAsync(id, cancellationToken);
        string? baseUrl = request.Query["baseUrl"];
        var target = baseUrl is not null && Uri.TryCreate(baseUrl, UriKind.Absolute, out var given) ? given : new Uri($"{request.Scheme}://{request.Host}");
        var rubric = bool.TryParse(request.Query["rubric"], out var r) && r;
        var format = (string?)request.Query["format"] ?? "promptfoo";
        var refusal = format switch
        {
            "promptfoo" => PromptfooExporter.WhyNotRunnable(id, tests, rubric),
            "deepeval" => DeepEvalExporter.WhyNotRunnable(id, tests),
            _ => null,
        };
        if (refusal is not null)
        {
            return Problems.Result(409, "no-runnable-tests", "Nothing to export.", refusal);
        }

        return format switch
        {
            "promptfoo" => Results.Text(PromptfooExporter.Export(id, tests, target, rubric), "application/yaml"),
            "deepeval" => Results.Text(DeepEvalExporter.Export(id, tests), "application/json"),
            var other => Problems.Result(400, "invalid-format", "Unknown export format.", $"'{other}' is not promptfoo or deepeval."),
        };
    }

    // With ?skill=d/s the caller must read domain d; without it, lists show only the skills of the caller's domains.
    private static IResult? DenySkill(HttpRequest request, ApiRole role) =>
        SkillOf(request) is { } skill ? Access.Check(request, role, DomainOf(skill), $"the knowledge of '{skill}'") : null;

    private static List<T> Visible<T>(HttpRequest request, IEnumerable<T> items, Func<T, string> skillOf) =>
        [.. items.Where(i => Access.CanRead(request, [DomainOf(skillOf(i))]))];

    private static string DomainOf(string skillId) => skillId.Split('/')[0];

    private static string? SkillOf(HttpRequest request) => request.Query["skill"] is { Count: > 0 } skill ? skill.ToString() : null;

    private async Task<IResult> EnqueueAsync(string queue, string folder, string message, IResult result, CancellationToken cancellationToken)
    {
        var text = await payloads.WrapMessageAsync(folder.Replace('/', '~'), message, cancellationToken);
        await storage.Queues.GetQueueClient(queue).SendMessageAsync(text, cancellationToken: cancellationToken);
        return result;
    }

    private static Microsoft.AspNetCore.Mvc.ProblemDetails WithField(Microsoft.AspNetCore.Mvc.ProblemDetails problem, string field)
    {
        problem.Extensions["errors"] = new[] { new { field, message = problem.Detail } };
        return problem;
    }

    /// <summary>The body of <c>POST /api/runs/{runId}/nodes/{nodeId}/corrections</c>.</summary>
    internal sealed record CorrectionBody(string? Text, System.Text.Json.Nodes.JsonNode? CorrectedOutput, string? By);
}
