using AgentFunctions.Core.Graphs;
using AgentFunctions.Core.Tools;

namespace AgentFunctions.Core.Tests.Graphs;

/// <summary>Shared loader context and helpers for the graph tests.</summary>
internal static class GraphTestData
{
    /// <summary>The example graph of docs/graphs.md; tests assert line numbers against it.</summary>
    public const string GitToProd = """
        name: git-to-prod
        description: Fix a failing test and release
        inputs:
          repo: { type: string, default: examples/sample-repo, description: Repository folder }
          issue: { type: string, required: true }
        budget:
          max_cost_usd: "$0.50"
        defaults:
          retries: 1
          timeout: 2m
          model: openai/gpt-4o
        nodes:
          planner:
            skill: engineering/planner
            context:
              repo: ${{ inputs.repo }}
              include: ["**/*.py", "web/**"]
              max_tokens: 6000
          python_fixer:
            skill: engineering/python-fixer
            needs: planner
            model: openai/gpt-4o-mini
            retries: 2
            timeout: 60s
            max_cost_usd: 0.05
            max_output_tokens: 1200
          tester:
            tool: tests.run
            needs: [python_fixer]
            with:
              repo: ${{ inputs.repo }}
              patch: ${{ nodes.python_fixer.output.patch }}
              verbose: true
              attempts: 3
              ratio: 0.5
              label: "true"
              nothing: ~
              summary: "fix ${{ inputs.issue }} in ${{ inputs.repo }}"
              files: [a.py, { path: b.py }]
        """;

    public static GraphLoaderContext Context(IEnumerable<string>? models = null) => new(
        ["engineering/planner", "engineering/python-fixer", "engineering/reviewer"],
        new Dictionary<string, ITool>
        {
            ["tests.run"] = new GraphTestTool("tests.run", ["repo"], ["repo", "patch", "verbose", "attempts", "ratio", "label", "nothing", "summary", "files"]),
            ["git.apply"] = new GraphTestTool("git.apply", ["repo", "patch"], ["repo", "patch"]),
        },
        models);

    public static GraphDefinition LoadValid(string yaml)
    {
        var result = GraphLoader.Load(yaml, "test.yaml", Context());
        Assert.True(result.IsValid, result.FormatErrors());
        return result.Graph;
    }

    public static IReadOnlyList<GraphError> LoadErrors(string yaml, GraphLoaderContext? context = null)
    {
        var result = GraphLoader.Load(yaml, "test.yaml", context ?? Context());
        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Errors);
        return result.Errors;
    }

    /// <summary>Loads invalid YAML and returns the one error with <paramref name="code"/>.</summary>
    public static GraphError SingleError(string yaml, string code, GraphLoaderContext? context = null)
    {
        var errors = LoadErrors(yaml, context);
        var matching = errors.Where(e => e.Code == code).ToList();
        Assert.True(matching.Count == 1, $"Expected one '{code}' error, got: {string.Join(" | ", errors)}");
        return matching[0];
    }
}
