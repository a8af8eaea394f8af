using FsCheck;
using FsCheck.Fluent;

namespace AgentFunctions.Functions.Tests.Fuzz;

/// <summary>
/// FsCheck generators of broken graph YAML: a valid tool-only graph with one mutation — a line deleted, duplicated or
/// re-indented with a tab, a value of the wrong type, a huge string, a unicode node id, a cycle, nesting of up to 100,000
/// levels in YAML or in a <c>when:</c> expression, the text truncated, or random text instead.
/// </summary>
internal static class GraphYamlMutations
{
    /// <summary>The valid graphs mutations start from (tool nodes only, so an accepted mutation runs in milliseconds).</summary>
    public static readonly string[] Bases =
    [
        "name: fuzz-chain\nnodes:\n  a: { tool: noop }\n  b:\n    tool: noop\n    needs: a\n    when: nodes.a.status == 'succeeded'\n",
        "name: fuzz-fan\ninputs:\n  items: { type: array, default: [1, 2, 3] }\nnodes:\n  root: { tool: noop }\n  each:\n    tool: noop\n    needs: root\n    for_each: ${{ inputs.items }}\n    with: { value: \"${{ item }}\" }\n  join:\n    tool: noop\n    needs: [each]\n",
        "name: fuzz-policy\nbudget:\n  max_cost_usd: 0.5\ndefaults:\n  retries: 1\n  timeout: 30s\nnodes:\n  first:\n    tool: noop\n    retries: 2\n  second:\n    tool: noop\n    needs: first\n    optional: true\n",
    ];

    private static readonly string[] WrongValues =
    [
        "[1, 2]", "{ a: b }", "123", "-1", "null", "~", "true", "0x7fffffffffffffff", "1e309", "''", "\"\\u0000\"", "&a [*a]",
        "!!binary aGVsbG8=", "[[[[", "}", "${{ nodes.nope.output }}", "${{", "💥", "\"" + new string('x', 70_000) + "\"",
    ];

    /// <summary>Gets the generator: one mutated YAML text and a short description of the mutation (for the failure message).</summary>
    public static Gen<(string Yaml, string Mutation)> Mutated() =>
        from @base in Gen.Elements(Bases)
        from kind in Gen.Choose(0, 11)
        from pick in Gen.Choose(0, 10_000)
        from depth in Gen.Elements(2, 100, 5_000, 40_000, 100_000)
        from value in Gen.Elements(WrongValues)
        from noise in Gen.ArrayOf(Gen.Choose(0, 0x2FFF).Select(c => (char)c)).Select(cs => new string(cs))
        select Mutate(@base, kind, pick, depth, value, noise);

    private static (string, string) Mutate(string yaml, int kind, int pick, int depth, string value, string noise)
    {
        var lines = yaml.TrimEnd('\n').Split('\n').ToList();
        var at = pick % lines.Count;
        switch (kind)
        {
            case 0:
                lines.RemoveAt(at);
                return (Join(lines), $"line {at + 1} deleted");
            case 1:
                lines.Insert(at, lines[at]);
                return (Join(lines), $"line {at + 1} duplicated");
            case 2:
                lines[at] = "\t" + lines[at].TrimStart();
                return (Join(lines), $"line {at + 1} indented with a tab");
            case 3:
                var colon = lines[at].IndexOf(':', StringComparison.Ordinal);
                lines[at] = colon < 0 ? lines[at] + " " + value : lines[at][..(colon + 1)] + " " + value;
                return (Join(lines), $"line {at + 1} given the value {Short(value)}");
            case 4:
                lines.Add($"  nødé-{pick}-✓: {{ tool: noop }}");
                lines.Add($"  \"{noise}\": {{ tool: noop }}");
                return (Join(lines), "unicode node ids");
            case 5:
                lines.Add("  a2: { tool: noop, needs: b2 }");
                lines.Add("  b2: { tool: noop, needs: a2 }");
                return (Join(lines), "a cycle");
            case 6:
                lines.Add("  deep: " + new string('[', depth) + new string(']', depth));
                return (Join(lines), $"YAML nested {depth} levels");
            case 7:
                lines.Add($"  cond: {{ tool: noop, needs: a, when: \"{new string('(', depth)}true{new string(')', depth)}\" }}");
                return (Join(lines), $"when: nested {depth} parentheses");
            case 8:
                lines.Add($"  bang: {{ tool: noop, when: \"{new string('!', depth)}true\" }}");
                return (Join(lines), $"when: {depth} negations");
            case 9:
                var text = Join(lines);
                var cut = pick % text.Length;
                return (text[..cut], $"truncated at {cut}");
            case 10:
                return (noise, $"random text of {noise.Length} chars");
            default:
                lines.Add("  " + new string('n', 1 + (pick % 300)) + ": { tool: " + value + " }");
                return (Join(lines), $"a tool named {Short(value)}");
        }
    }

    private static string Join(List<string> lines) => string.Join('\n', lines) + "\n";

    private static string Short(string value) => value.Length > 40 ? value[..40] + $"… ({value.Length} chars)" : value;
}
