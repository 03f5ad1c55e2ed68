using System.Globalization;
using Microsoft.Extensions.Configuration;
using TensorOne.Simulator.Faults;

namespace TensorOne.Simulator;

/// <summary>
/// Command line of the standalone simulator, parsed and bound by Microsoft.Extensions.Configuration;
/// an unknown switch is an error rather than silently ignored.
/// </summary>
internal sealed class StandaloneArguments
{
    public const string Usage = """
        Usage: dotnet run --project tools/TensorOne.Simulator -- [options]

          --port N                     port on 127.0.0.1 (default 5080; 0 picks a free one)
          --seed demo|none|N           demo fleet (default), nothing, or N running clusters
          --api-key K                  the accepted key (default tpo_test_simulator_key)
          --stop-phase-seconds S       duration of each stop phase (default 1)
          --restart-phase-seconds S    duration of each restart phase (default 1)
          --shape envelope|bare        response shape (default envelope)
          --latency-ms N               delay added to every request (default 0)
          --path-base P                route prefix (default /v2; /v1 is always served too)
          --faults K=R[,K=R...]        inject faults: a FaultKind and a rate, e.g. ServiceUnavailable=0.1,TooManyRequests=0.05
          --fault-seed N               seed of the fault decisions (default random)
          --write-limit N              writes (POSTs) allowed per hourly window (default no limit)
          --read-lag-ms N              reads see a write only N ms after it (a lagging replica; default 0)
        """;

    private static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.Ordinal)
    {
        ["--api-key"] = nameof(ApiKey),
        ["--stop-phase-seconds"] = nameof(StopPhaseSeconds),
        ["--restart-phase-seconds"] = nameof(RestartPhaseSeconds),
        ["--latency-ms"] = nameof(LatencyMs),
        ["--path-base"] = nameof(PathBase),
        ["--faults"] = nameof(FaultRates),
        ["--fault-seed"] = nameof(FaultSeed),
        ["--write-limit"] = nameof(WriteLimit),
        ["--read-lag-ms"] = nameof(ReadLagMs),
    };

    public int Port { get; set; } = 5080;

    public string Seed { get; set; } = "demo";

    public string ApiKey { get; set; } = new SimulatorOptions().ApiKey;

    public double StopPhaseSeconds { get; set; } = 1.0;

    public double RestartPhaseSeconds { get; set; } = 1.0;

    public ResponseShape Shape { get; set; } = ResponseShape.Envelope;

    public int LatencyMs { get; set; }

    public string PathBase { get; set; } = "/v2";

    public string FaultRates { get; set; } = "";

    public int? FaultSeed { get; set; }

    public int? WriteLimit { get; set; }

    public int ReadLagMs { get; set; }

    /// <exception cref="FormatException">The command line is malformed.</exception>
    /// <exception cref="InvalidOperationException">A switch is unknown or its value has the wrong type.</exception>
    public static StandaloneArguments Parse(string[] args)
    {
        // Every switch takes a value; AddCommandLine silently drops a last switch that lacks one.
        if (args.Length > 0 && args[^1].StartsWith('-') && !args[^1].Contains('=', StringComparison.Ordinal))
        {
            throw new FormatException($"{args[^1]} needs a value.");
        }

        var configuration = new ConfigurationBuilder().AddCommandLine(args, SwitchMappings).Build();
        var arguments = new StandaloneArguments();
        configuration.Bind(arguments, binder => binder.ErrorOnUnknownConfiguration = true);
        if (arguments.Seed is not ("demo" or "none") && !int.TryParse(arguments.Seed, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException($"--seed must be demo, none or a number, not '{arguments.Seed}'.");
        }

        _ = arguments.FaultRules();
        return arguments;
    }

    public SimulatorOptions ToOptions()
    {
        var options = new SimulatorOptions
        {
            Port = Port,
            ApiKey = ApiKey,
            StopPhaseSeconds = StopPhaseSeconds,
            RestartPhaseSeconds = RestartPhaseSeconds,
            Shape = Shape,
            Latency = TimeSpan.FromMilliseconds(LatencyMs),
            PathBase = PathBase,
            WriteLimit = WriteLimit,
            ReadLag = TimeSpan.FromMilliseconds(ReadLagMs),
        };
        if (FaultSeed is { } seed)
        {
            options.Faults.Seed = seed;
        }

        foreach (var rule in FaultRules())
        {
            options.Faults.Add(rule);
        }

        return options;
    }

    /// <exception cref="FormatException">--faults is not a list of FaultKind=rate.</exception>
    private IReadOnlyList<FaultRule> FaultRules()
    {
        var rules = new List<FaultRule>();
        foreach (var item in FaultRates.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !Enum.TryParse<FaultKind>(parts[0], ignoreCase: true, out var kind)
                || !Enum.IsDefined(kind)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)
                || rate is < 0 or > 1)
            {
                throw new FormatException($"--faults takes FaultKind=rate pairs (rate 0 to 1), not '{item}'. Kinds: {string.Join(", ", Enum.GetNames<FaultKind>())}.");
            }

            rules.Add(new FaultRule(kind, rate));
        }

        return rules;
    }

    /// <returns>How many clusters were added.</returns>
    public int SeedInto(SimulatorState state)
    {
        switch (Seed)
        {
            case "demo":
                state.SeedDemo();
                break;
            case "none":
                break;
            default:
                state.SeedMany(int.Parse(Seed, CultureInfo.InvariantCulture));
                break;
        }

        return state.Clusters.Count;
    }
}
