using System.Text;
using AgentFunctions.Core.Learning.RegressionTests;
using YamlDotNet.Serialization;

namespace AgentFunctions.Core.Learning.Exports;

/// <summary>
/// Exports a skill's regression tests as a promptfoo configuration (checked against promptfoo 0.118.17) that
/// <c>npx promptfoo eval -c &lt;file&gt; --no-cache</c> runs against our HTTP API (<c>--no-cache</c> matters: promptfoo caches
/// HTTP provider responses by request, so without it a second run replays the first run's outputs; the CLI ignores
/// <c>evaluateOptions.cache</c> in the file):
/// <list type="bullet">
/// <item>provider <c>id: https</c> posting <c>{"input": &lt;object&gt;, "waitSeconds": 120}</c> to
/// <c>{baseUrl}/api/skills/{domain}/{skill}/execute</c>; the body is an object whose <c>input</c> is the Nunjucks template
/// <c>{{ input | dump }}</c> — promptfoo renders each string in an object body and JSON-parses it back, so the skill gets
/// the test's input object, not a string; <c>transformResponse: json.output</c> makes the skill's JSON output the
/// promptfoo output (a top-level truthy <c>output</c> key inside the skill's own output would be taken as the provider
/// response: avoid it in skills you export);</item>
/// <item><c>tests[].vars.input</c> = the input object, <c>metadata</c> = test, rule, correction, run and node ids;</item>
/// <item>assertions: JSON-pointer paths become an assertion-level <c>transform</c> (<c>output?.["a"]?.["b"] ?? null</c>)
/// in front of native <c>equals</c> (scalars), <c>icontains</c>/<c>not-icontains</c> (text: ours are case-insensitive) and
/// <c>regex</c>; JSON values (objects, arrays, null, array elements) and values promptfoo would template (containing
/// <c>{{</c>, <c>{%</c>, <c>{#</c>, or starting <c>file://</c>/<c>package:</c>) become <c>javascript</c> assertions with the value
/// as an escaped literal; <c>llm-rubric</c> only when asked (it needs a grader model, e.g. <c>--grader</c>). Every
/// assertion carries <c>metric: rule:&lt;id&gt;</c>. Without rubrics, a test with only a rubric is left out (an empty
/// <c>assert</c> list would pass without checking anything) and named in a header comment. A conditional assertion
/// (<see cref="TestAssertion.When"/>) is a <c>javascript</c> assertion that fails, saying it was not checked, when its
/// condition does not hold.</item>
/// </list>
/// A suite with no test left would pass with 0 tests (promptfoo exits 0), so it is refused: see <see cref="WhyNotRunnable"/>.
/// </summary>
public static partial class PromptfooExporter
{
    /// <summary>How long the API may wait for the execution before answering, seconds.</summary>
    public const int WaitSeconds = 120;

    /// <summary>Builds the promptfoo YAML.</summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="tests">Its regression tests.</param>
    /// <param name="baseUrl">The app's base URL, such as <c>http://localhost:7071</c>.</param>
    /// <param name="includeRubric">True to add an <c>llm-rubric</c> assertion per test (needs a grader model in promptfoo).</param>
    /// <returns>The YAML text.</returns>
    /// <exception cref="ArgumentException">The skill id is not <c>domain/skill</c>.</exception>
    /// <exception cref="InvalidOperationException">No test would check anything (<see cref="WhyNotRunnable"/> says why).</exception>
    public static string Export(string skillId, IReadOnlyList<RegressionTest> tests, Uri baseUrl, bool includeRubric)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (WhyNotRunnable(skillId, tests, includeRubric) is { } why)
        {
            throw new InvalidOperationException(why);
        }

        var exported = tests.Where(t => Runnable(t, includeRubric)).ToList();
        var config = new Dictionary<string, object?>
        {
            ["description"] = $"Regression tests of {skillId} generated from corrections (AgentFunctions learning loop)",
            ["prompts"] = new List<object?> { "{{ input | dump }}" },
            ["providers"] = new List<object?> { Provider(skillId, baseUrl) },
            ["tests"] = exported.Select(t => Test(skillId, t, includeRubric)).ToList<object?>(),
        };
        var yaml = new SerializerBuilder().WithQuotingNecessaryStrings().DisableAliases().Build().Serialize(config);
        var header = new StringBuilder()
            .Append("# yaml-language-server: $schema=https://promptfoo.dev/config-schema.json\n")
            .Append("# Regression tests of ").Append(skillId).Append(", exported by AgentFunctions. Each test executes the skill through the app's API.\n")
            .Append("# Run: npx promptfoo@0.118.17 eval -c <this file> --no-cache")
            .Append(includeRubric ? " --grader <provider>   (llm-rubric needs a grader model)\n" : "\n");
        foreach (var left in tests.Except(exported))
        {
            header.Append("# Left out: ").Append(left.Id).Append(" has only a rubric assertion; export with rubrics to include it.\n");
        }

        return header + yaml;
    }

    /// <summary>Says why a promptfoo suite of these tests would check nothing (and pass with 0 tests), or null when at least one test has an assertion promptfoo runs.</summary>
    /// <param name="skillId">The skill, <c>domain/skill</c>.</param>
    /// <param name="tests">Its regression tests.</param>
    /// <param name="includeRubric">True when <c>llm-rubric</c> assertions are exported (then a rubric counts as runnable).</param>
    /// <returns>The reason, for a person, or null.</returns>
    /// <exception cref="ArgumentException">The skill id is not <c>domain/skill</c>.</exception>
    public static string? WhyNotRunnable(string skillId, IReadOnlyList<RegressionTest> tests, bool includeRubric)
    {
        Storage.KnowledgeKeys.CheckSkillId(skillId);
        ArgumentNullException.ThrowIfNull(tests);
        if (tests.Count == 0)
        {
            return $"{skillId} has no regression tests yet (correct an execution of it first); an empty promptfoo suite would pass without checking anything.";
        }

        return tests.Any(t => Runnable(t, includeRubric))
            ? null
            : $"None of the {tests.Count} regression test(s) of {skillId} ({string.Join(", ", tests.Select(t => t.Id))}) has a deterministic assertion: " +
              "each has only a rubric, which needs a judge model. Export with rubric=true and run promptfoo with --grader, or correct an execution " +
              "with a correctedOutput (or name the field's value in the text) so that a deterministic assertion can be derived.";
    }

    // A test whose only assertion is the rubric would pass without checking anything: left out unless rubrics are exported.
    private static bool Runnable(RegressionTest test, bool includeRubric) => includeRubric ? test.Assertions.Count > 0 : test.Assertions.Any(a => a.IsDeterministic);

    /// <summary>The environment variable the exported suite reads the app's API key from (a runner key of the skill's domain).</summary>
    public const string ApiKeyVariable = "AGENTFUNCTIONS_API_KEY";

    private static Dictionary<string, object?> Provider(string skillId, Uri baseUrl)
    {
        var slash = skillId.IndexOf('/', StringComparison.Ordinal);
        var url = $"{baseUrl.ToString().TrimEnd('/')}/api/skills/{Uri.EscapeDataString(skillId[..slash])}/{Uri.EscapeDataString(skillId[(slash + 1)..])}/execute";
        return new Dictionary<string, object?>
        {
            ["id"] = "https",
            ["label"] = $"agentfunctions:{skillId}",
            ["config"] = new Dictionary<string, object?>
            {
                ["url"] = url,
                ["method"] = "POST",
                // The API key is not written into the suite: promptfoo renders {{env.X}} from its environment.
                ["headers"] = new Dictionary<string, object?> { ["Content-Type"] = "application/json", ["x-api-key"] = "{{env." + ApiKeyVariable + "}}" },
                ["body"] = new Dictionary<string, object?> { ["input"] = "{{ input | dump }}", ["waitSeconds"] = WaitSeconds },
                ["transformResponse"] = "json.output",
            },
        };
    }

    private static Dictionary<string, object?> Test(string skillId, RegressionTest test, bool includeRubric)
    {
        var metric = $"rule:{test.RuleId}";
        var asserts = test.Assertions
            .Where(a => a.IsDeterministic || includeRubric)
            .Select(a => Assertion(a, metric))
            .ToList<object?>();
        return new Dictionary<string, object?>
        {
            ["description"] = $"{test.Id} guards {test.RuleId} (from {test.CorrectionId}): {JsonValues.Excerpt(test.CorrectionText.ReplaceLineEndings(" "), 80)}",
            ["vars"] = new Dictionary<string, object?> { ["input"] = PlainJson.ToPlain(test.Input) },
            ["metadata"] = new Dictionary<string, object?>
            {
                ["skill"] = skillId,
                ["testId"] = test.Id,
                ["ruleId"] = test.RuleId,
                ["correctionId"] = test.CorrectionId,
                ["runId"] = test.RunId,
                ["nodeId"] = test.NodeId,
            },
            ["assert"] = asserts,
        };
    }
}
