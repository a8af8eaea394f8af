using System.Text.Json.Nodes;

namespace AgentFunctions.Core.Tools.Patches;

/// <content>The JSON output and the human-readable reason.</content>
public sealed partial class PatchSelectTool
{
    private const string NoChange = "no change proposed";

    private static JsonObject Describe(List<PatchCandidate> candidates, Dictionary<string, PatchTrial> single, PatchTrial? combined)
    {
        var list = new JsonArray();
        foreach (var candidate in candidates)
        {
            var item = single.TryGetValue(candidate.Name, out var trial)
                ? Trial(trial)
                : new JsonObject { ["applied"] = false, ["tests_passed"] = false, ["tests_run"] = 0, ["failures"] = 0, ["errors"] = 0 };
            item.Insert(0, "name", candidate.Name);
            item["summary"] = candidate.Summary;
            item["outcome"] = trial?.Outcome ?? NoChange;
            list.Add(item);
        }

        var output = new JsonObject { ["candidates"] = list };
        if (combined is not null)
        {
            var item = Trial(combined);
            item.Insert(0, "names", new JsonArray([.. combined.Names.Select(n => (JsonNode)n)]));
            item["outcome"] = combined.Outcome;
            output["combined"] = item;
        }

        return output;
    }

    private static JsonObject Trial(PatchTrial trial)
    {
        var item = new JsonObject { ["applied"] = trial.Applied };
        if (trial.Workspace.Failure is { } failure)
        {
            item["error"] = failure.ToString();
        }

        item["tests_passed"] = trial.Passed;
        item["tests_run"] = trial.Report?.Counts.TestsRun ?? 0;
        item["failures"] = trial.Report?.Counts.Failures ?? 0;
        item["errors"] = trial.Report?.Counts.Errors ?? 0;
        return item;
    }

    private static string Outcomes(List<PatchCandidate> candidates, Dictionary<string, PatchTrial> single, PatchTrial? combined)
    {
        var parts = candidates.Select(c => $"{c.Name}: {(single.TryGetValue(c.Name, out var t) ? t.Outcome : NoChange)}").ToList();
        if (combined is not null)
        {
            parts.Add($"{combined.Label} together: {combined.Outcome}");
        }

        return string.Join("; ", parts) + ".";
    }
}
