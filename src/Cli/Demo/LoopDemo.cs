using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AgentFunctions.Cli.Demo;

/// <summary>
/// The learning loop over HTTP: execute a skill, correct it, watch the rule and the regression test appear, execute again
/// with the rule in the prompt, validate and watch the rule become active; then the stats and the promptfoo export.
/// </summary>
public sealed class LoopDemo(HttpClient http, TextWriter output)
{
    private const string Skill = "hr/resume-screen";
    private const string Correction = "When the fit score is between 50 and 70, recommend discuss instead of proceed.";

    /// <summary>Runs the loop.</summary>
    /// <param name="cancellationToken">Cancels the demo.</param>
    /// <returns>True when the rule ended active.</returns>
    public async Task<bool> RunAsync(CancellationToken cancellationToken = default)
    {
        await output.WriteLineAsync($"[3/6] POST /api/skills/{Skill}/execute (the skill's fixture input: a resume and a job description)");
        var first = await ExecuteAsync(cancellationToken);
        if (first is null)
        {
            return false;
        }

        await output.WriteLineAsync($"      run {first["runId"]}, node {first["node"]}: fit_score {first["output"]?["fit_score"]}, recommendation \"{first["output"]?["recommendation"]}\"");
        await output.WriteLineAsync($"[4/6] The recruiter corrects it: POST /api/runs/{first["runId"]}/nodes/{first["node"]}/corrections");
        await output.WriteLineAsync($"      \"{Correction}\"");
        var corrected = first["output"]!.DeepClone().AsObject();
        corrected["recommendation"] = "discuss";
        using var correction = await http.PostAsJsonAsync(new Uri($"api/runs/{first["runId"]}/nodes/{first["node"]}/corrections", UriKind.Relative),
            new { text = Correction, correctedOutput = corrected, by = "recruiter" }, cancellationToken);
        await output.WriteLineAsync($"      {(int)correction.StatusCode}: {await correction.Content.ReadAsStringAsync(cancellationToken)}");
        var rule = await PollAsync($"api/knowledge/reflexions?skill={Skill}", "reflexions", cancellationToken);
        var test = await PollAsync($"api/knowledge/tests?skill={Skill}", "tests", cancellationToken);
        await output.WriteLineAsync($"      the corrections queue made rule {rule["id"]} ({rule["status"]}, source {rule["source"]}): {rule["text"]}");
        await output.WriteLineAsync($"      and regression test {test["id"]} with {test["assertions"]?.AsArray().Count} assertion(s): " +
            string.Join("; ", test["assertions"]?.AsArray().Select(a => $"{a?["type"]} {a?["path"]} {a?["value"]}".Trim()) ?? []));

        await output.WriteLineAsync("[5/6] The next execution carries the rule in its prompt:");
        var second = await ExecuteAsync(cancellationToken);
        if (second is null)
        {
            return false;
        }

        var injected = second["details"]?["manifest"]?["rules"]?["injected"]?.AsArray().Select(r => r!.ToString()) ?? [];
        await output.WriteLineAsync($"      manifest: learned rules injected [{string.Join(", ", injected)}]; recommendation now \"{second["output"]?["recommendation"]}\"");

        await output.WriteLineAsync($"[6/6] POST /api/knowledge/validate/{Skill}: run the regression test with and without the rule");
        using var requested = await http.PostAsync(new Uri($"api/knowledge/validate/{Skill}", UriKind.Relative), null, cancellationToken);
        var link = (await requested.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["links"]!["self"]!.ToString().TrimStart('/');
        JsonObject? report = null;
        for (var i = 0; i < 300 && report is null; i++)
        {
            await Task.Delay(200, cancellationToken);
            var current = await http.GetFromJsonAsync<JsonObject>(new Uri(link, UriKind.Relative), cancellationToken);
            report = current?["run"]?["status"]?.ToString() is "completed" or "failed" ? current : null;
        }

        var decision = report?["rules"]?.AsArray().FirstOrDefault();
        var result = report?["tests"]?.AsArray().FirstOrDefault();
        await output.WriteLineAsync($"      {result?["testId"]}: with the rule {result?["withRule"]?["outcome"]}, without it {result?["withoutRule"]?["outcome"]} (rule made the difference: {result?["ruleMadeDifference"]})");
        await output.WriteLineAsync($"      {decision?["ruleId"]}: {decision?["statusBefore"]} → {decision?["statusAfter"]} ({decision?["decision"]}): {decision?["reason"]}");
        var stats = await http.GetFromJsonAsync<JsonObject>(new Uri($"api/knowledge/stats?skill={Skill}", UriKind.Relative), cancellationToken);
        await output.WriteLineAsync($"      stats: {stats?["executions"]} executions, accept rate {stats?["acceptRate"]}, rules {stats?["rulesByStatus"]?.ToJsonString()}");
        await output.WriteLineAsync($"      promptfoo suite: GET {http.BaseAddress}api/knowledge/tests/{Skill}/export?format=promptfoo");
        return decision?["statusAfter"]?.ToString() == "active";
    }

    private async Task<JsonObject?> ExecuteAsync(CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri($"api/skills/{Skill}/execute", UriKind.Relative), new { waitSeconds = 60 }, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        if (body?["status"]?.ToString() != "succeeded")
        {
            await output.WriteLineAsync($"      the execution did not succeed: {body?["error"] ?? body}");
            return null;
        }

        if (body["recorded"]?.GetValue<bool>() == true)
        {
            await output.WriteLineAsync($"      (model {body["model"]}: RECORDED response replayed)");
        }

        return body;
    }

    private async Task<JsonObject> PollAsync(string path, string list, CancellationToken cancellationToken)
    {
        for (var i = 0; ; i++)
        {
            var page = await http.GetFromJsonAsync<JsonObject>(new Uri(path, UriKind.Relative), cancellationToken);
            if (page?[list]?.AsArray().FirstOrDefault() is JsonObject found)
            {
                return found;
            }

            if (i > 300)
            {
                throw new TimeoutException($"Nothing appeared at {path}.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}
