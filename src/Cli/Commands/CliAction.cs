using System.CommandLine;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Api;

namespace AgentFunctions.Cli.Commands;

/// <summary>Wraps a command's body: builds its <see cref="CliContext"/>, and turns API problems, an unreachable app and
/// usage errors into a message on stderr (title and detail, never a stack trace) and the exit code of <see cref="ExitCodes"/>.</summary>
public static class CliAction
{
    /// <summary>Makes the action of a command.</summary>
    /// <param name="body">What the command does; returns its exit code.</param>
    /// <returns>The action for <c>Command.SetAction</c>.</returns>
    public static Func<ParseResult, CancellationToken, Task<int>> Of(Func<ParseResult, CliContext, CancellationToken, Task<int>> body) =>
        async (parse, cancellationToken) =>
        {
            try
            {
                using var context = CliContext.From(parse);
                try
                {
                    return await body(parse, context, cancellationToken);
                }
                catch (ApiProblemException problem)
                {
                    return await ReportAsync(context, problem);
                }
                catch (HttpRequestException ex) when (ex.StatusCode is null)
                {
                    await CliContext.Error.WriteLineAsync($"agentfn: cannot reach the app at {context.Api.BaseAddress}: {ex.Message}");
                    await CliContext.Error.WriteLineAsync("  Is it running? Set --url or AGENTFN_URL to its address.");
                    return ExitCodes.Unavailable;
                }
            }
            catch (UsageException ex)
            {
                await CliContext.Error.WriteLineAsync($"agentfn: {ex.Message}");
                return ExitCodes.Usage;
            }
        };

    private static async Task<int> ReportAsync(CliContext context, ApiProblemException problem)
    {
        var error = CliContext.Error;
        await error.WriteLineAsync($"agentfn: {problem.Status} {problem.Title}");
        if (problem.Detail is { Length: > 0 } detail)
        {
            await error.WriteLineAsync($"  {detail.ReplaceLineEndings("\n  ")}");
        }

        foreach (var item in problem.Errors?.OfType<JsonObject>() ?? [])
        {
            var at = item["line"] is { } line ? $"line {line}{(item["column"] is { } column ? $", column {column}" : string.Empty)}: " : string.Empty;
            var field = item["field"] is { } f ? $" ({f})" : string.Empty;
            await error.WriteLineAsync($"  - {at}{item["code"]}{field}: {item["message"]}");
        }

        if (problem.Status is 401)
        {
            await error.WriteLineAsync("  Pass a valid API key with --key or AGENTFN_API_KEY.");
        }

        if (context.Json)
        {
            await CliContext.WriteJsonAsync(new JsonObject
            {
                ["error"] = new JsonObject { ["status"] = problem.Status, ["title"] = problem.Title, ["detail"] = problem.Detail, ["code"] = problem.Code, ["errors"] = problem.Errors?.DeepClone() },
            });
        }

        return problem.Status switch
        {
            401 or 403 => ExitCodes.NoPermission,
            >= 500 => ExitCodes.ServerError,
            _ => ExitCodes.Rejected,
        };
    }
}
