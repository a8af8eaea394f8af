namespace AgentFunctions.Bench;

/// <summary>A graph shape: a fan-out of N workers between a root and a join, or a chain of N nodes.</summary>
internal enum Shape
{
    FanOut,
    Chain,
}

internal static class ShapeExtensions
{
    public static string Label(this Shape shape) => shape == Shape.FanOut ? "fan-out/fan-in" : "chain";

    public static int NodeCount(this Shape shape, int size) => shape == Shape.FanOut ? size + 2 : size;

    public static string Yaml(this Shape shape, int size) => shape == Shape.FanOut ? BenchGraphs.FanOut(size) : BenchGraphs.Chain(size);
}
