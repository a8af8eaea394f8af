using System.Globalization;

namespace AgentFunctions.Bench;

/// <summary>The command line of the harness (see <see cref="Usage"/>).</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        Usage: AgentFunctions.Bench [options]   (or ./scripts/bench.sh [options])

          --quick                    small sizes, for a smoke test (about a minute)
          --only <s1,s2,...>         run only these scenarios: in-memory, azurite, ceiling, langgraph
          --inmemory-fanout <sizes>  fan-out widths on the in-memory store     (default 90,1000,10000)
          --inmemory-chain <sizes>   chain lengths on the in-memory store      (default 100,1000)
          --azurite-fanout <sizes>   fan-out widths on Azurite                 (default 90,1000)
          --azurite-chain <sizes>    chain lengths on Azurite                  (default 200)
          --polling <p1,p2>          Azurite polling profiles: default (the app's 50 ms–1 s), fast (5–100 ms)
                                     (default default,fast)
          --repeat <n>               runs per size, while the runs so far took under --repeat-under (default 3)
          --repeat-under <seconds>   (default 5)
          --timeout <seconds>        cap of one scheduler run (default 120)
          --peer-timeout <seconds>   cap of one LangGraph.js size (default 240)
          --ceiling-ops <n>          operations per raw Azurite loop (default 400)
          --output <file>            where to write the markdown (default bench/results.md for a full run,
                                     artifacts/bench/results.md with --quick or --only)
          --help
        """;

    public static readonly string[] AllScenarios = ["in-memory", "azurite", "ceiling", "langgraph"];

    public bool Quick { get; init; }

    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string>(AllScenarios, StringComparer.Ordinal);

    public IReadOnlyList<int> InMemoryFanOut { get; init; } = [90, 1000, 10000];

    public IReadOnlyList<int> InMemoryChain { get; init; } = [100, 1000];

    public IReadOnlyList<int> AzuriteFanOut { get; init; } = [90, 1000];

    public IReadOnlyList<int> AzuriteChain { get; init; } = [200];

    public IReadOnlyList<string> Polling { get; init; } = ["default", "fast"];

    public int Repeat { get; init; } = 3;

    public TimeSpan RepeatUnder { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan PeerTimeout { get; init; } = TimeSpan.FromSeconds(240);

    public int CeilingOps { get; init; } = 400;

    public string? Output { get; init; }

    public bool Help { get; init; }

    public bool IsFullRun => !Quick && Scenarios.Count == AllScenarios.Length;

    public bool Runs(string scenario) => Scenarios.Contains(scenario);

    /// <summary>Parses the arguments; unknown options throw <see cref="ArgumentException"/> with the usage.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new BenchOptions();
        if (args.Contains("--quick"))
        {
            o = o with
            {
                Quick = true, InMemoryFanOut = [90, 500], InMemoryChain = [100], AzuriteFanOut = [50], AzuriteChain = [20],
                Repeat = 1, CeilingOps = 100, Timeout = TimeSpan.FromSeconds(60), PeerTimeout = TimeSpan.FromSeconds(60),
            };
        }

        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n\n{Usage}");
            o = args[i] switch
            {
                "--quick" => o,
                "--help" or "-h" => o with { Help = true },
                "--only" => o with { Scenarios = Scenario(Value()) },
                "--inmemory-fanout" => o with { InMemoryFanOut = Sizes(Value()) },
                "--inmemory-chain" => o with { InMemoryChain = Sizes(Value()) },
                "--azurite-fanout" => o with { AzuriteFanOut = Sizes(Value()) },
                "--azurite-chain" => o with { AzuriteChain = Sizes(Value()) },
                "--polling" => o with { Polling = PollingProfiles(Value()) },
                "--repeat" => o with { Repeat = Positive(Value()) },
                "--repeat-under" => o with { RepeatUnder = TimeSpan.FromSeconds(Positive(Value())) },
                "--timeout" => o with { Timeout = TimeSpan.FromSeconds(Positive(Value())) },
                "--peer-timeout" => o with { PeerTimeout = TimeSpan.FromSeconds(Positive(Value())) },
                "--ceiling-ops" => o with { CeilingOps = Positive(Value()) },
                "--output" => o with { Output = Value() },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.\n\n{Usage}"),
            };
        }

        return o;
    }

    private static int Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"'{text}' is not a positive whole number.");

    private static List<int> Sizes(string text) =>
        text.Length == 0 ? [] : [.. text.Split(',', StringSplitOptions.TrimEntries).Select(Positive)];

    private static HashSet<string> Scenario(string text)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = names.Except(AllScenarios).ToList();
        return unknown.Count == 0
            ? names
            : throw new ArgumentException($"Unknown scenario(s) {string.Join(", ", unknown)}; known: {string.Join(", ", AllScenarios)}.");
    }

    private static List<string> PollingProfiles(string text)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        return names.All(n => n is "default" or "fast") && names.Count > 0
            ? names
            : throw new ArgumentException($"--polling takes 'default', 'fast' or both, not '{text}'.");
    }
}
