using AgentFunctions.Core.Context;

namespace AgentFunctions.Core.Tests.Context;

public sealed class ContextBudgeterTests
{
    // " hello" is one o200k_base token, so n repeats are n tokens.
    private static string Words(int tokens) => string.Concat(Enumerable.Repeat(" hello", tokens));

    private static ContextSection S(string name, ContextSectionKind kind, int tokens, int priority = 0) =>
        new(name, kind, Words(tokens), priority);

    private static ContextSection Upstream(string name, IReadOnlyList<string> items)
    {
        var parts = new ContextItems($"## Output of upstream node `{name}`\n\n```json\n[\n", items, ",\n", "\n]\n```");
        return new ContextSection($"upstream:{name}", ContextSectionKind.Upstream, parts.Render(), 1_000) { Items = parts };
    }

    [Fact]
    public void Words_AreOneTokenEach() => Assert.Equal(100, TokenCounter.Count(Words(100)));

    [Fact]
    public void Fit_UnderBudget_KeepsEverythingAndDropsNothing()
    {
        var (kept, manifest) = ContextBudgeter.Fit([S("skill", ContextSectionKind.System, 100), S("file:a", ContextSectionKind.File, 100)], 1000);

        Assert.Equal(2, kept.Count);
        Assert.Empty(manifest.Drops);
        Assert.Empty(manifest.Trims);
        Assert.Equal(200, manifest.TotalTokens);
        Assert.Equal(TokenCounter.O200kBase, manifest.Encoding);
    }

    [Fact]
    public void Fit_OverBudget_DropsLowestPriorityThenLatestFirst()
    {
        var sections = new[]
        {
            S("skill", ContextSectionKind.System, 100),
            S("upstream:p", ContextSectionKind.Upstream, 100, priority: 1000),
            S("file:a", ContextSectionKind.File, 100, priority: 500),
            S("file:b", ContextSectionKind.File, 100, priority: 500),
        };

        var (kept, manifest) = ContextBudgeter.Fit(sections, 300);

        Assert.Equal(["skill", "upstream:p", "file:a"], kept.Select(s => s.Name));
        Assert.Equal("file:b", manifest.Drops.Single().Name);
        Assert.Equal(100, manifest.Drops.Single().TokenEstimate);
        Assert.Equal(300, manifest.TotalTokens);
    }

    [Fact]
    public void Fit_UndroppableOverBudget_Throws()
    {
        var ex = Assert.Throws<ContextBudgetExceededException>(() => ContextBudgeter.Fit([S("skill", ContextSectionKind.System, 1000)], 100));
        Assert.Equal(1000, ex.RequiredTokens);
    }

    [Fact]
    public void Fit_ItemsThatFit_AreNotTrimmed()
    {
        var upstream = Upstream("reviews", [.. Enumerable.Range(0, 20).Select(i => $"{{\"item\":{i},\"note\":\"{Words(10)}\"}}")]);

        var (kept, manifest) = ContextBudgeter.Fit([S("skill", ContextSectionKind.System, 100), upstream], 8_000);

        Assert.Same(upstream, kept[1]);
        Assert.Empty(manifest.Trims);
        Assert.Empty(manifest.Drops);
    }

    [Fact]
    public void Fit_ItemsOverBudget_CutsTheLargestToACommonCapAndLeavesSmallOnesWhole()
    {
        // 10 small items (about 10 tokens) and 90 large ones (about 200 tokens): about 18,000 tokens into a 4,000-token budget.
        var items = Enumerable.Range(0, 100).Select(i => $"{{\"item\":{i},\"note\":\"{Words(i % 10 == 0 ? 2 : 200)}\"}}").ToList();
        var upstream = Upstream("reviews", items);

        var (kept, manifest) = ContextBudgeter.Fit([S("skill", ContextSectionKind.System, 100), upstream], 4_000);

        Assert.True(manifest.TotalTokens <= 4_000, $"{manifest.TotalTokens} tokens");
        var trim = Assert.Single(manifest.Trims);
        Assert.Equal(("upstream:reviews", 100, null), (trim.Name, trim.Items, trim.LeftOutFromIndex));
        Assert.Equal(90, trim.Trimmed.Count);
        Assert.All(trim.Trimmed, t => Assert.NotEqual(0, t.Index % 10));
        Assert.All(trim.Trimmed, t => Assert.True(t.KeptTokens <= trim.ItemCapTokens && t.OriginalTokens > trim.ItemCapTokens));
        Assert.True(trim.ItemCapTokens >= ContextBudgeter.MinItemTokens);
        Assert.True(trim.OriginalTokens > 15_000 && trim.KeptTokens <= 4_000, $"{trim.OriginalTokens} → {trim.KeptTokens}");
        Assert.Equal(trim.KeptTokens, manifest.Sections.Single(s => s.Name == "upstream:reviews").TokenEstimate);
        var content = kept[1].Content;
        Assert.Contains(items[0], content, StringComparison.Ordinal);
        Assert.Equal(90, content.Split(ContextItems.TrimmedMarker).Length - 1);
        Assert.Empty(manifest.Drops);
    }

    [Fact]
    public void Fit_ItemsOverBudgetEvenAtTheSmallestCap_LeavesTheLastItemsOutWithANote()
    {
        var upstream = Upstream("reviews", [.. Enumerable.Range(0, 200).Select(i => $"{{\"item\":{i},\"note\":\"{Words(50)}\"}}")]);

        var (kept, manifest) = ContextBudgeter.Fit([S("skill", ContextSectionKind.System, 100), upstream], 1_000);

        Assert.True(manifest.TotalTokens <= 1_000, $"{manifest.TotalTokens} tokens");
        var trim = Assert.Single(manifest.Trims);
        Assert.Equal(ContextBudgeter.MinItemTokens, trim.ItemCapTokens);
        Assert.NotNull(trim.LeftOutFromIndex);
        Assert.InRange(trim.LeftOutFromIndex!.Value, 1, 199);
        Assert.Equal(trim.LeftOutFromIndex, trim.Trimmed.Count);
        Assert.Contains($"…[{200 - trim.LeftOutFromIndex} more item(s) left out: over the prompt budget]", kept[1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ManySingleItemSections_AreTrimmedAcrossSections()
    {
        var sections = new List<ContextSection> { S("skill", ContextSectionKind.System, 100) };
        sections.AddRange(Enumerable.Range(0, 50).Select(i =>
        {
            var parts = new ContextItems($"## Output of upstream node `n{i}`\n\n```json\n", [$"{{\"note\":\"{Words(100)}\"}}"], string.Empty, "\n```");
            return new ContextSection($"upstream:n{i}", ContextSectionKind.Upstream, parts.Render(), 1_000) { Items = parts };
        }));

        var (kept, manifest) = ContextBudgeter.Fit(sections, 2_000);

        Assert.Equal(51, kept.Count);
        Assert.True(manifest.TotalTokens <= 2_000, $"{manifest.TotalTokens} tokens");
        Assert.Equal(50, manifest.Trims.Count);
        Assert.All(manifest.Trims, t => Assert.Equal(0, Assert.Single(t.Trimmed).Index));
    }

    [Fact]
    public void Fit_HeadingsAloneOverBudget_DropsTheSectionsWhole()
    {
        var upstream = Upstream("reviews", [.. Enumerable.Range(0, 5).Select(i => $"{{\"note\":\"{Words(50)}\"}}")]);

        var (kept, manifest) = ContextBudgeter.Fit([S("skill", ContextSectionKind.System, 95), upstream], 100);

        Assert.Equal(["skill"], kept.Select(s => s.Name));
        Assert.Equal("upstream:reviews", Assert.Single(manifest.Drops).Name);
        Assert.Empty(manifest.Trims);
    }
}
