using System.Globalization;

namespace AgentFunctions.Bench;

/// <summary>The command line of the harness (see <see cref="Usage"/>).</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        Usage: AgentFunctions.Bench [options]   (or ./scripts/bench.sh [options])

          --quick                  small sizes, one run each, for a smoke test (a few minutes)
          --only <s1,s2,...>       run only these scenarios: memory, azurite, hosts, post, previous, langgraph, ceiling
          --memory-fanout <sizes>  fan-out widths, engine on the in-memory backend   (default 100,1000,10000)
          --memory-chain <sizes>   chain lengths, engine on the in-memory backend    (default 100,1000)
          --azurite-fanout <sizes> fan-out widths on Azurite (engine, plain Durable Task, previous engine) (default 100,1000)
          --azurite-chain <sizes>  chain lengths on Azurite                           (default 100)
          --hosts-fanout <size>    fan-out width run through one and two app processes (default 1000)
          --repeat <n>             runs per size while the runs so far took under --repeat-under (default 3)
          --repeat-under <seconds> (default 5)
          --timeout <seconds>      cap of one run (default 300)
          --peer-timeout <seconds> cap of one LangGraph.js size (default 300)
          --post-rate <n>          requests per second of the POST /api/runs load (default 50)
          --post-seconds <n>       how long the POST load lasts (default 20)
          --output <file>          where to write the markdown (default bench/results.md for a full run,
                                   artifacts/bench/results.md with --quick or --only)
          --help
        """;

    public static readonly string[] AllScenarios = ["memory", "azurite", "hosts", "post", "previous", "langgraph", "ceiling"];

    public bool Quick { get; init; }

    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string>(AllScenarios, StringComparer.Ordinal);

    public IReadOnlyList<int> MemoryFanOut { get; init; } = [100, 1000, 10000];

    public IReadOnlyList<int> MemoryChain { get; init; } = [100, 1000];

    public IReadOnlyList<int> AzuriteFanOut { get; init; } = [100, 1000];

    public IReadOnlyList<int> AzuriteChain { get; init; } = [100];

    public int HostsFanOut { get; init; } = 1000;

    public int Repeat { get; init; } = 3;

    public TimeSpan RepeatUnder { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(300);

    public TimeSpan PeerTimeout { get; init; } = TimeSpan.FromSeconds(300);

    public int PostRate { get; init; } = 50;

    public int PostSeconds { get; init; } = 20;

    public string? Output { get; init; }

    public bool Help { get; init; }

    public bool IsFullRun => !Quick && Scenarios.Count == AllScenarios.Length;

    public bool Runs(string scenario) => Scenarios.Contains(scenario);

    /// <summary>Parses the command line.</summary>
    /// <exception cref="ArgumentException">An unknown option, a missing value or a value out of range.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new BenchOptions();
        if (args.Contains("--quick"))
        {
            o = o with
            {
                Quick = true, MemoryFanOut = [100, 1000], MemoryChain = [100], AzuriteFanOut = [100], AzuriteChain = [50],
                HostsFanOut = 200, Repeat = 1, PostSeconds = 5,
            };
        }

        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            o = args[i] switch
            {
                "--quick" => o,
                "--help" or "-h" => o with { Help = true },
                "--only" => o with { Scenarios = Only(Value()) },
                "--memory-fanout" => o with { MemoryFanOut = Sizes(Value()) },
                "--memory-chain" => o with { MemoryChain = Sizes(Value()) },
                "--azurite-fanout" => o with { AzuriteFanOut = Sizes(Value()) },
                "--azurite-chain" => o with { AzuriteChain = Sizes(Value()) },
                "--hosts-fanout" => o with { HostsFanOut = Positive(Value()) },
                "--repeat" => o with { Repeat = Positive(Value()) },
                "--repeat-under" => o with { RepeatUnder = TimeSpan.FromSeconds(Positive(Value())) },
                "--timeout" => o with { Timeout = TimeSpan.FromSeconds(Positive(Value())) },
                "--peer-timeout" => o with { PeerTimeout = TimeSpan.FromSeconds(Positive(Value())) },
                "--post-rate" => o with { PostRate = Positive(Value()) },
                "--post-seconds" => o with { PostSeconds = Positive(Value()) },
                "--output" => o with { Output = Value() },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.\n\n{Usage}"),
            };
        }

        return o;
    }

    private static HashSet<string> Only(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = names.Except(AllScenarios).ToList();
        return unknown.Count == 0 && names.Count > 0
            ? names
            : throw new ArgumentException($"--only: unknown scenario(s) {string.Join(", ", unknown)}; choose from {string.Join(", ", AllScenarios)}.");
    }

    private static List<int> Sizes(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Positive).ToList();

    private static int Positive(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"'{value}' is not a positive whole number.");
}
