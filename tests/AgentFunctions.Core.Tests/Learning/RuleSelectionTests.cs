using System.Text.Json.Nodes;
using AgentFunctions.Core.Learning;
using AgentFunctions.Core.Learning.Reflexions;
using AgentFunctions.Core.Learning.Selection;

namespace AgentFunctions.Core.Tests.Learning;

/// <summary>Which rules an execution gets, in which order, and the exact prompt block.</summary>
public sealed class RuleSelectionTests
{
    private static readonly JsonObject s_input = JsonNode.Parse("""{"order_id":"AE1","corridor":"UAE","amount":1200}""")!.AsObject();

    [Fact]
    public void Select_MixedRules_InjectsOnlyActiveRulesThatApplyAndSaysWhyTheOthersAreLeftOut()
    {
        var rules = new[]
        {
            Rule("REFL-001", RuleStatus.Active, Present("order_id")),
            Rule("REFL-002", RuleStatus.Candidate),
            Rule("REFL-003", RuleStatus.Retired),
            Rule("REFL-004", RuleStatus.Active, new RuleCondition("corridor", JsonValue.Create("KSA"), Required: true)),
            Rule("REFL-005", RuleStatus.Active, Present("attachment")),
        };

        var selection = RuleSelector.Select(rules, s_input, 5);

        Assert.Equal(["REFL-001"], selection.Injected.Select(r => r.Id));
        Assert.Equal(
            [
                ("REFL-002", "candidate"),
                ("REFL-003", "retired"),
                ("REFL-004", "does not apply: it needs corridor='KSA' but the input has corridor=\"UAE\""),
                ("REFL-005", "does not apply: the input has no attachment"),
            ],
            selection.LeftOut.Select(l => (l.RuleId, l.Reason)));
    }

    [Fact]
    public void Select_MoreRulesThanTheCap_KeepsTheMostRelevantFirstAndListsTheRestOverTheCap()
    {
        var rules = Enumerable.Range(1, 7).Select(i => Rule($"REFL-00{i}", RuleStatus.Active, counter: i)).ToList();
        rules[0] = rules[0] with { Conditions = [Present("order_id"), new RuleCondition("corridor", JsonValue.Create("UAE"), Required: false)] };
        rules[1] = rules[1] with { Counter = 7, Confidence = 0.9 };

        var selection = RuleSelector.Select(rules, s_input, 5);

        Assert.Equal(["REFL-001", "REFL-002", "REFL-007", "REFL-006", "REFL-005"], selection.Injected.Select(r => r.Id));
        Assert.Equal([("REFL-004", "over the cap of 5"), ("REFL-003", "over the cap of 5")], selection.LeftOut.Select(l => (l.RuleId, l.Reason)));
    }

    [Fact]
    public void Select_WithCandidatesOnProbation_InjectsThemAfterActiveRulesAndNeverRetiredOnes()
    {
        var rules = new[] { Rule("REFL-001", RuleStatus.Candidate, counter: 9), Rule("REFL-002", RuleStatus.Active), Rule("REFL-003", RuleStatus.Retired) };

        var selection = RuleSelector.Select(rules, new JsonObject(), max: 5, includeCandidates: true);

        Assert.Equal(["REFL-002", "REFL-001"], selection.Injected.Select(r => r.Id));
        Assert.Equal("REFL-003", selection.LeftOut.Single().RuleId);
    }

    [Fact]
    public void Render_TwoRules_MatchesTheSeedsBlockExactly()
    {
        var block = LearnedRulesBlock.Render(
        [
            new LearnedRule("REFL-001", "UAE corridor orders need LULU escalation.", "When executing ecm/order-details with inputs where corridor='UAE'.", 0.93, RuleStatus.Active),
            new LearnedRule("REFL-002", "Name the status code.", string.Empty, 0.125, RuleStatus.Candidate),
        ]);

        Assert.Equal(
            "## Learned Rules (from past corrections)\n" +
            "\n" +
            "- **REFL-001** (confidence: 93% [validated]): UAE corridor orders need LULU escalation.\n" +
            "  _Applies when_: When executing ecm/order-details with inputs where corridor='UAE'.\n" +
            "- **REFL-002** (confidence: 12% [candidate]): Name the status code.",
            block);
        Assert.Equal(string.Empty, LearnedRulesBlock.Render([]));
    }

    private static RuleCondition Present(string key) => new(key, null, Required: true);

    private static ReflexionRule Rule(string id, string status, RuleCondition? condition = null, int counter = 2) => new()
    {
        Id = id,
        SkillId = LearningHost.Skill,
        Text = $"rule {id}",
        AppliesWhen = "When executing ecm/order-details.",
        Conditions = condition is null ? [] : [condition],
        RootCause = "r",
        Provenance = ["CORR-000001"],
        Confidence = 0.6,
        Status = status,
        Source = RuleSource.Verbatim,
        Counter = counter,
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };
}
