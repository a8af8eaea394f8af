using System.CommandLine;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Commands.Skills;

namespace AgentFunctions.Cli.Commands.Knowledge;

/// <summary><c>agentfn validate DOMAIN SKILL [--wait]</c>: runs a skill's regression tests with and without their rules
/// (<c>POST /api/knowledge/validate/{domain}/{skill}</c>), and with <c>--wait</c> prints the results per test and rule.</summary>
public static class ValidateCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var domain = new Argument<string>("domain") { Description = "The domain (hr)." };
        var skill = new Argument<string>("skill") { Description = "The skill (resume-screen)." };
        var wait = new Option<bool>("--wait", "-w") { Description = "Wait for the results; exit 1 when a test failed or errored." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait with --wait (exit 4 when it runs out).", DefaultValueFactory = _ => 600 };
        var command = new Command("validate", "Run a skill's regression tests with and without their rules; a candidate rule becomes active when its tests pass.") { domain, skill, wait, timeout };
        command.SetAction(CliAction.Of(async (parse, context, cancellationToken) =>
        {
            var path = SkillsCommand.Path($"{parse.GetValue(domain)}/{parse.GetValue(skill)}");
            var queued = (await context.Api.PostAsync($"api/knowledge/validate/{path}", null, cancellationToken)).AsObject();
            var id = queued["validationId"]!.ToString();
            if (!parse.GetValue(wait))
            {
                if (context.Json)
                {
                    await CliContext.WriteJsonAsync(queued);
                }
                else
                {
                    await context.Out.WriteLineAsync($"validation {id} of {queued["skill"]} is {queued["status"]}; results: GET {queued["links"]?["self"]}");
                }

                return ExitCodes.Success;
            }

            var deadline = DateTimeOffset.UtcNow.AddSeconds(parse.GetValue(timeout));
            JsonObject report;
            while (true)
            {
                report = (await context.Api.GetAsync($"api/knowledge/validations/{path}/{Uri.EscapeDataString(id)}", cancellationToken)).AsObject();
                if (report["run"]?["status"]?.ToString() is "completed" or "failed" || DateTimeOffset.UtcNow >= deadline)
                {
                    break;
                }

                await Task.Delay(500, cancellationToken);
            }

            var run = report["run"];
            var status = run?["status"]?.ToString();
            var exit = status switch
            {
                "completed" when (run?["testsFailed"]?.GetValue<int>() ?? 0) + (run?["testsErrored"]?.GetValue<int>() ?? 0) == 0 => ExitCodes.Success,
                "completed" or "failed" => ExitCodes.Failed,
                _ => ExitCodes.TimedOut,
            };
            if (context.Json)
            {
                await CliContext.WriteJsonAsync(report);
                return exit;
            }

            await context.Out.WriteLineAsync($"validation {id} of {run?["skillId"]}: {status}; {run?["testsPassed"]} passed, {run?["testsFailed"]} failed, {run?["testsErrored"]} errored, {run?["testsSkipped"]} skipped of {run?["testsTotal"]}");
            foreach (var test in (report["tests"] as JsonArray ?? []).OfType<JsonObject>())
            {
                await context.Out.WriteLineAsync($"  {test["testId"]} ({test["ruleId"]}): with the rule {test["withRule"]?["outcome"]}, without it {test["withoutRule"]?["outcome"]}");
            }

            foreach (var rule in (report["rules"] as JsonArray ?? []).OfType<JsonObject>())
            {
                await context.Out.WriteLineAsync($"  {rule["ruleId"]}: {rule["statusBefore"]} → {rule["statusAfter"]} ({rule["decision"]}): {rule["reason"]}");
            }

            if (exit == ExitCodes.TimedOut)
            {
                await CliContext.Error.WriteLineAsync($"agentfn: validation {id} is still {status} after {parse.GetValue(timeout)} s");
            }

            return exit;
        }));
        return command;
    }
}
