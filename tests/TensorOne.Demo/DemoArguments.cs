using System.Globalization;
using static TensorOne.Tools.CommandLineValues;

namespace TensorOne.Demo;

/// <summary>The demo's command line, parsed and checked before anything is started.</summary>
internal sealed class DemoArguments
{
    public const string Usage = """
        Usage: dotnet run --project tests/TensorOne.Demo -- [options]

          --script <path>                 script to run (default: examples/demo.ps1 under the repo root)
          --stop-phase-seconds <s>        simulator: seconds a stop stays in progress (default 1)
          --restart-phase-seconds <s>     simulator: seconds a restart stays in progress (default 1)
          --base-uri <uri>                use this API instead of the simulator; the key comes from TENSORONE_API_KEY
          --no-module                     do not import out/TensorOne/TensorOne.psd1 (for trying the host with a stand-in script)
          -h, --help                      show this text
        """;

    public string? ScriptPath { get; private init; }

    public double StopPhaseSeconds { get; private init; } = 1;

    public double RestartPhaseSeconds { get; private init; } = 1;

    /// <summary>The real API's address, as the user typed it; null means "start the simulator".</summary>
    public string? BaseUri { get; private init; }

    public bool NoModule { get; private init; }

    public bool ShowHelp { get; private init; }

    /// <exception cref="ArgumentException">An option is unknown, lacks its value, or the value is malformed.</exception>
    public static DemoArguments Parse(IReadOnlyList<string> args)
    {
        string? script = null;
        string? baseUri = null;
        double stop = 1;
        double restart = 1;
        bool noModule = false;
        bool help = false;

        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--script":
                    script = ValueOf(args, ref i);
                    break;
                case "--stop-phase-seconds":
                    stop = SecondsOf(args, ref i, 0, 3600);
                    break;
                case "--restart-phase-seconds":
                    restart = SecondsOf(args, ref i, 0, 3600);
                    break;
                case "--base-uri":
                    baseUri = ValueOf(args, ref i);
                    if (!Uri.TryCreate(baseUri, UriKind.Absolute, out Uri? parsed)
                        || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
                    {
                        throw new ArgumentException($"--base-uri must be an absolute http(s) address, not '{baseUri}'.");
                    }

                    break;
                case "--no-module":
                    noModule = true;
                    break;
                case "-h" or "--help" or "-?":
                    help = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        return new DemoArguments
        {
            ScriptPath = script,
            BaseUri = baseUri,
            StopPhaseSeconds = stop,
            RestartPhaseSeconds = restart,
            NoModule = noModule,
            ShowHelp = help,
        };
    }
}
