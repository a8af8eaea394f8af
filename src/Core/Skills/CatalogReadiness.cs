using System.Globalization;
using AgentFunctions.Core.Graphs;

namespace AgentFunctions.Core.Skills;

/// <summary>
/// Whether the app has content to run: at least one skill and at least one valid graph. An app started from the wrong
/// folder loads no skill and no graph yet starts fine; a health endpoint reports this so that it does not say healthy.
/// </summary>
/// <param name="IsReady">True when at least one skill and one valid graph are loaded.</param>
/// <param name="SkillCount">The skills loaded.</param>
/// <param name="GraphCount">The valid graphs loaded.</param>
/// <param name="Reasons">Why the app is not ready, one sentence each with what to do; empty when it is ready.</param>
/// <param name="Warnings">What was left out without making the app unready (skills and graph files with errors).</param>
public sealed record CatalogReadiness(bool IsReady, int SkillCount, int GraphCount, IReadOnlyList<string> Reasons, IReadOnlyList<string> Warnings)
{
    private const string Hint = "set AgentFunctions__ContentRoot to the folder that holds skills/ and graphs/";

    /// <summary>Judges the loaded catalogs.</summary>
    /// <param name="skills">The skill catalog.</param>
    /// <param name="graphs">The graph catalog.</param>
    /// <param name="graphsDirectory">The folder the graphs were loaded from, for messages.</param>
    /// <returns>The readiness, with reasons and warnings.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static CatalogReadiness Evaluate(SkillCatalog skills, GraphCatalog graphs, string graphsDirectory)
    {
        ArgumentNullException.ThrowIfNull(skills);
        ArgumentNullException.ThrowIfNull(graphs);
        ArgumentNullException.ThrowIfNull(graphsDirectory);
        var reasons = new List<string>();
        var warnings = new List<string>();
        var skillCount = skills.All.Count;
        var graphCount = graphs.All.Count(e => e.IsValid);
        if (skillCount == 0)
        {
            reasons.Add($"0 skills loaded from {skills.Root}{Missing(skills.Root)} — {Hint}.");
        }

        if (graphCount == 0)
        {
            reasons.Add($"0 graphs loaded from {graphsDirectory}{Missing(graphsDirectory)} — {Hint}.");
        }

        if (skills.Issues.Where(i => i.IsError).ToList() is { Count: > 0 } skillErrors)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{skillErrors.Count} skill error(s) in {skills.Root}; the skills concerned are left out (first: {skillErrors[0].Path}: {skillErrors[0].Message})."));
        }

        if (graphs.All.Where(e => !e.IsValid).ToList() is { Count: > 0 } broken)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{broken.Count} graph file(s) in {graphsDirectory} have errors and are left out: {string.Join(", ", broken.Select(e => e.File))}."));
        }

        return new CatalogReadiness(reasons.Count == 0, skillCount, graphCount, reasons, warnings);
    }

    private static string Missing(string folder) => Directory.Exists(folder) ? string.Empty : " (the folder does not exist)";
}
