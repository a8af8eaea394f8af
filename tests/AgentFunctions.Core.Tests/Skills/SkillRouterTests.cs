using System.Text.Json;
using System.Text.Json.Nodes;
using AgentFunctions.Core.Skills;
using AgentFunctions.Core.Skills.Routing;

namespace AgentFunctions.Core.Tests.Skills;

public sealed class SkillRouterTests
{
    private static readonly IReadOnlyList<SkillRoute> s_routes =
    [
        Route("hr", "resume-screen", "resume, candidate, job description, hiring"),
        Route("engineering", "planner", "bug, failing test, code"),
        Route("finance", null, "invoice, refund"),
    ];

    [Fact]
    public void ClassifyByKeywords_InputMentionsOneRoute_PicksItWithScores()
    {
        var input = new JsonObject
        {
            ["message"] = "Please screen this Resume against the job  description.",
            ["attachments"] = new JsonArray(new JsonObject { ["note"] = "Candidate applied on Monday" }, 42),
        };

        var decision = SkillRouter.ClassifyByKeywords(s_routes, input);

        Assert.Equal("hr/resume-screen", decision.Route);
        Assert.Equal(RouteMethod.Keywords, decision.Method);
        Assert.Equal([3, 0, 0], decision.Scores.Select(s => s.Score));
        Assert.Equal(["resume", "candidate", "job description"], decision.Scores[0].MatchedKeywords);
        Assert.Contains("resume, candidate, job description", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassifyByKeywords_KeywordInsideAWord_DoesNotMatch()
    {
        var decision = SkillRouter.ClassifyByKeywords(s_routes, new JsonObject { ["text"] = "debugging the codec, resumed hiring_freeze" });

        Assert.False(decision.Matched);
        Assert.All(decision.Scores, s => Assert.Equal(0, s.Score));
    }

    [Fact]
    public void ClassifyByKeywords_Tie_GoesToTheRouteListedFirst()
    {
        var decision = SkillRouter.ClassifyByKeywords(s_routes, new JsonObject { ["text"] = "A bug in the refund code for a candidate's invoice." });

        Assert.Equal([1, 2, 2], decision.Scores.Select(s => s.Score));
        Assert.Equal("engineering/planner", decision.Route);
        Assert.Contains("tied with 'finance'", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassifyByKeywords_NothingMatches_SaysNoRouteMatchedWithScores()
    {
        var decision = SkillRouter.ClassifyByKeywords(s_routes, new JsonObject { ["text"] = "What is the weather?", ["resume"] = 1 });

        Assert.Null(decision.Route);
        Assert.StartsWith("No route matched", decision.Reason, StringComparison.Ordinal);
        Assert.Equal(["hr/resume-screen", "engineering/planner", "finance"], decision.Scores.Select(s => s.Route));
    }

    [Fact]
    public void BuildModelPrompt_ListsRoutesWithWhenAndAsksForJson()
    {
        var prompt = SkillRouter.BuildModelPrompt(s_routes, new JsonObject { ["message"] = "hi" });

        Assert.Contains("- `hr/resume-screen` — when the input is about: resume, candidate, job description, hiring", prompt.SystemPrompt, StringComparison.Ordinal);
        Assert.Contains("- `finance` — when the input is about: invoice, refund", prompt.SystemPrompt, StringComparison.Ordinal);
        Assert.Contains("{ \"route\": \"<domain>/<skill>\", \"reason\":", prompt.SystemPrompt, StringComparison.Ordinal);
        Assert.Contains("\"message\": \"hi\"", prompt.UserMessage, StringComparison.Ordinal);
        Assert.Equal(["hr/resume-screen", "engineering/planner", "finance"], prompt.AllowedRoutes);
        Assert.Throws<ArgumentException>(() => SkillRouter.BuildModelPrompt([], []));
    }

    [Theory]
    [InlineData("""{ "route": "engineering/planner", "reason": "It reports a failing test." }""", "engineering/planner", "It reports a failing test.")]
    [InlineData("```json\n{ \"route\": \"HR/Resume-Screen\" }\n```", "hr/resume-screen", "(the model gave no reason)")]
    [InlineData("""{ "route": "finance", "reason": "refund" }""", "finance", "refund")]
    public void ParseModelAnswer_AllowedRoute_IsChosen(string answer, string route, string reason)
    {
        var decision = SkillRouter.ParseModelAnswer(s_routes, answer);

        Assert.Equal(route, decision.Route);
        Assert.Equal(RouteMethod.Model, decision.Method);
        Assert.Equal(reason, decision.Reason);
        Assert.Empty(decision.Scores);
    }

    [Theory]
    [InlineData("""{ "route": "legal/contracts", "reason": "x" }""", "not one of the allowed routes: hr/resume-screen, engineering/planner, finance")]
    [InlineData("""{ "route": "hr" }""", "not one of the allowed routes")]
    [InlineData("I think HR should handle it.", "not a JSON object")]
    [InlineData("""["hr/resume-screen"]""", "not a JSON object")]
    [InlineData("""{ "route": 3 }""", "no \"route\" string")]
    [InlineData(null, "not a JSON object")]
    public void ParseModelAnswer_UnusableAnswer_ChoosesNothingAndSaysWhy(string? answer, string expected)
    {
        var decision = SkillRouter.ParseModelAnswer(s_routes, answer);

        Assert.False(decision.Matched);
        Assert.Equal(RouteMethod.Model, decision.Method);
        Assert.Contains(expected, decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RouteDecision_Serialized_UsesLowercaseMethodAndTheFourFields()
    {
        var json = JsonSerializer.SerializeToNode(SkillRouter.ClassifyByKeywords(s_routes, new JsonObject { ["t"] = "bug" }), JsonSerializerOptions.Web)!.AsObject();

        Assert.Equal(["route", "method", "reason", "scores"], json.Select(p => p.Key));
        Assert.Equal("keywords", json["method"]!.GetValue<string>());
    }

    private static SkillRoute Route(string domain, string? skill, string when) => new(domain, skill, when, SkillRoute.SplitKeywords(when), null);
}
