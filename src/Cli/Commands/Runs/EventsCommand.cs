using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Progress;

namespace AgentFunctions.Cli.Commands.Runs;

/// <summary><c>agentfn events RUN_ID [--follow] [--after SEQ]</c>: a run's events, from the pages of <c>GET /api/runs/{id}/events</c>,
/// or with <c>--follow</c> live from the event stream until the run ends.</summary>
public static class EventsCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var runId = new Argument<string>("run-id") { Description = "The run." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Follow the event stream (server-sent events) until the run ends; reconnects with Last-Event-ID." };
        var after = new Option<long>("--after") { Description = "Start after this sequence number.", DefaultValueFactory = _ => 0 };
        var command = new Command("events", "Show a run's events in order; with --follow, live until the run ends (then the exit code says how it ended).") { runId, follow, after };
        command.SetAction(CliAction.Of(async (parse, context, cancellationToken) =>
        {
            var id = parse.GetValue(runId)!;
            var events = new JsonArray();
            async Task ShowAsync(JsonObject ev)
            {
                if (context.Json)
                {
                    events.Add(ev.DeepClone());
                }
                else
                {
                    await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"#{ev["seq"],-4} {ev["at"]}  {EventText.Describe(ev)}"));
                }
            }

            JsonObject document = new() { ["runId"] = id };
            if (parse.GetValue(follow))
            {
                var end = await new EventStreamFollower(context.Api, TimeSpan.FromSeconds(1)).FollowAsync(id, parse.GetValue(after), ShowAsync, cancellationToken);
                document["status"] = end["status"]?.DeepClone();
                if (!context.Json)
                {
                    await context.Out.WriteLineAsync($"run {id} ended: {end["status"]}");
                }
            }
            else
            {
                var cursor = parse.GetValue(after);
                while (true)
                {
                    var page = (await context.Api.GetAsync(string.Create(CultureInfo.InvariantCulture, $"api/runs/{Uri.EscapeDataString(id)}/events?after={cursor}&limit=200"), cancellationToken)).AsObject();
                    var batch = (page["events"] as JsonArray ?? []).OfType<JsonObject>().ToList();
                    foreach (var ev in batch)
                    {
                        await ShowAsync(ev);
                    }

                    cursor = page["cursor"]?.GetValue<long>() ?? cursor;
                    if (batch.Count == 0)
                    {
                        break;
                    }
                }

                document["cursor"] = cursor;
            }

            if (context.Json)
            {
                document["events"] = events;
                await CliContext.WriteJsonAsync(document);
            }

            return parse.GetValue(follow) ? ExitCodes.ForRunStatus(document["status"]?.ToString()) : ExitCodes.Success;
        }));
        return command;
    }
}
