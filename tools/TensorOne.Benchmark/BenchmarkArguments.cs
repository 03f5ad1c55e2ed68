using System.Globalization;
using static TensorOne.Tools.CommandLineValues;

namespace TensorOne.Benchmark;

/// <summary>The benchmark's command line, parsed and checked before anything starts.</summary>
internal sealed class BenchmarkArguments
{
    public const string Usage = """
        Usage: dotnet run -c Release --project tools/TensorOne.Benchmark -- [options]

          --latency-ms <n>        simulator latency added to every request, in ms (default 50)
          --stop-seconds <s>      how long one stop takes, spread over its 4 phases (default 5)
          --sizes <n,n,...>       batch sizes to time with -Wait (default 1,100,500,1000; 1 is always run)
          --throttle <n>          -ThrottleLimit for the batches (default: the module's own default)
          --sequential-size <n>   size of the -ThrottleLimit 1 baseline batch (default 20; 0 skips it)
          --timeline              also print when each polling round began, per scenario
          --account-size <n>      clusters in the large-account scenarios (default 10000; 0 skips them)
          --account-watch <n,n>   clusters waited on in the large account (default 4,150)
          --import [runs]         instead: time Import-Module in fresh pwsh processes against a bare
                                  start, in the dotnet-tool pwsh and a ReadyToRun copy of it, beside
                                  PowerShell's floors (default 10 rounds), medians and targets
          -h, --help              show this text

        Build the module first: dotnet build TensorOne.PowerShell.sln -c Release
        """;

    public int LatencyMilliseconds { get; private init; } = 50;

    public double StopSeconds { get; private init; } = 5;

    public IReadOnlyList<int> Sizes { get; private init; } = [1, 100, 500, 1000];

    /// <summary>Null: -ThrottleLimit is not passed, so the module's default is what gets measured.</summary>
    public int? ThrottleLimit { get; private init; }

    public int SequentialSize { get; private init; } = 20;

    public bool ShowTimeline { get; private init; }

    public int AccountSize { get; private init; } = 10_000;

    public IReadOnlyList<int> AccountWatch { get; private init; } = [4, 150];

    public bool ShowHelp { get; private init; }

    /// <exception cref="ArgumentException">An option is unknown, lacks its value, or the value is out of range.</exception>
    public static BenchmarkArguments Parse(IReadOnlyList<string> args)
    {
        var latency = 50;
        var stop = 5.0;
        IReadOnlyList<int> sizes = [1, 100, 500, 1000];
        int? throttle = null;
        var sequential = 20;
        var timeline = false;
        var help = false;
        var accountSize = 10_000;
        IReadOnlyList<int> accountWatch = [4, 150];
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--latency-ms":
                    latency = IntOf(args, ref i, 0, 10_000);
                    break;
                case "--stop-seconds":
                    stop = SecondsOf(args, ref i, 0.001, 3600);
                    break;
                case "--sizes":
                    sizes = SizesOf(args, ref i);
                    break;
                case "--throttle":
                    throttle = IntOf(args, ref i, 1, 64);
                    break;
                case "--sequential-size":
                    sequential = IntOf(args, ref i, 0, 10_000);
                    break;
                case "--timeline":
                    timeline = true;
                    break;
                case "--account-size":
                    accountSize = IntOf(args, ref i, 0, 100_000);
                    break;
                case "--account-watch":
                    accountWatch = SizesOf(args, ref i);
                    break;
                case "-h" or "--help" or "-?":
                    help = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        return new BenchmarkArguments
        {
            LatencyMilliseconds = latency,
            StopSeconds = stop,
            Sizes = sizes,
            ThrottleLimit = throttle,
            SequentialSize = sequential,
            ShowTimeline = timeline,
            AccountSize = accountSize,
            AccountWatch = accountWatch,
            ShowHelp = help,
        };
    }

    private static IReadOnlyList<int> SizesOf(IReadOnlyList<string> args, ref int i)
    {
        var text = ValueOf(args, ref i);
        var sizes = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) || size < 1 || size > 100_000)
            {
                throw new ArgumentException($"--sizes takes whole numbers from 1 to 100000 separated by commas, not '{text}'.");
            }

            sizes.Add(size);
        }

        if (sizes.Count == 0)
        {
            throw new ArgumentException("--sizes needs at least one size.");
        }

        return [.. sizes];
    }
}
