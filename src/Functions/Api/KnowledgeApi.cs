using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Learning.Corrections;
using AgentFunctions.Core.Learning.Exports;
using AgentFunctions.Core.Learning.Messages;
using AgentFunctions.Core.Learning.Queries;
using AgentFunctions.Core.Learning.Validation;
using AgentFunctions.Core.Orchestration.Messages;
using AgentFunctions.Core.Orchestration.Storage;
using AgentFunctions.Core.Skills;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Functions.Api;

/// <summary>Maps the learning loop's endpoints: corrections, rules, regression tests, validation, stats and exports.</summary>
internal static class KnowledgeApi
{
    public static IEndpointRouteBuilder MapKnowledgeApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/runs/{runId}/nodes/{nodeId}/corrections", CorrectAsync);
        app.MapGet("/api/knowledge/corrections", async (string? skill, KnowledgeQueries q, CancellationToken ct) => Results.Ok(new { corrections = await q.ListCorrectionsAsync(skill, ct) }));
        app.MapGet("/api/knowledge/reflexions", async (string? skill, KnowledgeQueries q, CancellationToken ct) => Results.Ok(new { reflexions = await q.ListReflexionsAsync(skill, ct) }));
        app.MapGet("/api/knowledge/tests", async (string? skill, KnowledgeQueries q, CancellationToken ct) => Results.Ok(new { tests = await q.ListTestsAsync(skill, ct) }));
        app.MapGet("/api/knowledge/stats", StatsAsync);
        app.MapPost("/api/knowledge/validate/{domain}/{skill}", ValidateAsync);
        app.MapGet("/api/knowledge/validations/{domain}/{skill}", async (string domain, string skill, KnowledgeQueries q, CancellationToken ct) =>
            Results.Ok(new { validations = await q.ListValidationsAsync($"{domain}/{skill}", ct) }));
        app.MapGet("/api/knowledge/validations/{domain}/{skill}/{validationId}", async (string domain, string skill, string validationId, KnowledgeQueries q, CancellationToken ct) =>
            await q.GetValidationAsync($"{domain}/{skill}", validationId, ct) is { } report
                ? Results.Ok(report)
                : Problems.Result(404, "validation-not-found", "Validation not found.", $"No validation '{validationId}' of {domain}/{skill}."));
        app.MapGet("/api/knowledge/tests/{domain}/{skill}/export", ExportAsync);
        return app;
    }

    private static async Task<IResult> CorrectAsync(
        string runId, string nodeId, HttpRequest request, IExecutionLookup executions, LearningService learning, RunStore store, IOptions<LearningOptions> options, CancellationToken cancellationToken)
    {
        CorrectionBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<CorrectionBody>(request.Body, MessageCodec.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Problems.Result(400, "invalid-json", "The request body is not valid JSON.", ex.Message);
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
            CorrectionAccepted accepted => await EnqueueAsync(store, options.Value.CorrectionsQueue, runId, LearningMessageCodec.Serialize(CorrectionMessage.Stored(accepted.SkillId, accepted.CorrectionId)),
                Results.Accepted($"/api/knowledge/corrections?skill={accepted.SkillId}", new
                {
                    correctionId = accepted.CorrectionId,
                    skill = accepted.SkillId,
                    links = new { corrections = $"/api/knowledge/corrections?skill={accepted.SkillId}", reflexions = $"/api/knowledge/reflexions?skill={accepted.SkillId}", tests = $"/api/knowledge/tests?skill={accepted.SkillId}" },
                }), cancellationToken),
            _ => throw new InvalidOperationException("Unknown correction outcome."),
        };
    }

    private static async Task<IResult> ValidateAsync(string domain, string skill, SkillCatalog skills, ValidationService validation, RunStore store, IOptions<LearningOptions> options, CancellationToken cancellationToken)
    {
        var id = $"{domain}/{skill}";
        if (skills.Find(id) is null)
        {
            return Problems.Result(404, "skill-not-found", "Skill not found.", $"No skill '{id}'.");
        }

        var validationId = await validation.RequestValidationAsync(id, cancellationToken);
        var link = $"/api/knowledge/validations/{domain}/{skill}/{validationId}";
        return await EnqueueAsync(store, options.Value.ValidationsQueue, id, LearningMessageCodec.Serialize(ValidationMessage.Requested(id, validationId)),
            Results.Accepted(link, new { validationId, skill = id, status = "queued", links = new { self = link } }), cancellationToken);
    }

    private static async Task<IResult> StatsAsync(string? skill, KnowledgeQueries queries, CancellationToken cancellationToken) =>
        skill is null
            ? Results.Ok(new { skills = await queries.ListStatsAsync(cancellationToken) })
            : Results.Ok(await queries.GetStatsAsync(skill, cancellationToken));

    private static async Task<IResult> ExportAsync(string domain, string skill, string? format, bool? rubric, string? baseUrl, HttpRequest request, KnowledgeQueries queries, CancellationToken cancellationToken)
    {
        var id = $"{domain}/{skill}";
        var tests = await queries.ListTestsAsync(id, cancellationToken);
        var target = baseUrl is not null && Uri.TryCreate(baseUrl, UriKind.Absolute, out var given) ? given : new Uri($"{request.Scheme}://{request.Host}");
        return (format ?? "promptfoo") switch
        {
            "promptfoo" => Results.Text(PromptfooExporter.Export(id, tests, target, rubric ?? false), "application/yaml"),
            "deepeval" => Results.Text(DeepEvalExporter.Export(id, tests), "application/json"),
            var other => Problems.Result(400, "invalid-format", "Unknown export format.", $"'{other}' is not promptfoo or deepeval."),
        };
    }

    private static async Task<IResult> EnqueueAsync(RunStore store, string queue, string folder, string message, IResult result, CancellationToken cancellationToken)
    {
        var text = await store.Payloads.WrapMessageAsync(folder.Replace('/', '~'), message, cancellationToken);
        await store.Queue(queue).SendMessageAsync(text, cancellationToken: cancellationToken);
        return result;
    }

    private static Microsoft.AspNetCore.Mvc.ProblemDetails WithField(Microsoft.AspNetCore.Mvc.ProblemDetails problem, string field)
    {
        problem.Extensions["errors"] = new[] { new { field, message = problem.Detail } };
        return problem;
    }

    /// <summary>The body of <c>POST /api/runs/{runId}/nodes/{nodeId}/corrections</c>.</summary>
    internal sealed record CorrectionBody(string? Text, JsonNode? CorrectedOutput, string? By);
}
