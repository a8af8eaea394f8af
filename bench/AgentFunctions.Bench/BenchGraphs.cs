using System.Globalization;
using System.Text;

namespace AgentFunctions.Bench;

/// <summary>The graph shapes measured, as YAML of <c>noop</c> tool nodes (the tool does nothing and returns <c>{}</c>).</summary>
internal static class BenchGraphs
{
    /// <summary><c>root</c> → <paramref name="width"/> workers <c>w00001…</c> → <c>join</c> (needs every worker): width + 2 nodes.</summary>
    public static string FanOut(int width)
    {
        var yaml = new StringBuilder().Append(CultureInfo.InvariantCulture, $"name: bench-fanout-{width}\nnodes:\n  root:\n    tool: noop\n");
        for (var i = 1; i <= width; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  {Worker(i)}:\n    tool: noop\n    needs: root\n");
        }

        yaml.Append("  join:\n    tool: noop\n    needs: [");
        yaml.AppendJoin(", ", Enumerable.Range(1, width).Select(Worker));
        return yaml.Append("]\n").ToString();
    }

    /// <summary><c>n00001</c> → <c>n00002</c> → … (<paramref name="length"/> nodes).</summary>
    public static string Chain(int length)
    {
        var yaml = new StringBuilder().Append(CultureInfo.InvariantCulture, $"name: bench-chain-{length}\nnodes:\n  {Link(1)}:\n    tool: noop\n");
        for (var i = 2; i <= length; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  {Link(i)}:\n    tool: noop\n    needs: {Link(i - 1)}\n");
        }

        return yaml.ToString();
    }

    public static string Worker(int i) => "w" + i.ToString("D5", CultureInfo.InvariantCulture);

    public static string Link(int i) => "n" + i.ToString("D5", CultureInfo.InvariantCulture);
}
