using System.Diagnostics;
using System.Globalization;

namespace TensorOne.Benchmark;

/// <summary>
/// `--import [runs]`: what importing the module costs a real pwsh, as a user starts one. Two commands
/// run in turn, B A B A ..., after a warm-up of each: A = `dotnet pwsh -NoProfile -Command
/// 'Import-Module out/TensorOne/TensorOne.psd1'` (which also reports, from inside, how long the
/// Import-Module statement took), B = the same start with `-Command exit`. Pairing holds the ratio
/// when a shared machine's speed drifts; the medians are the figures to quote, with the load average.
/// </summary>
internal static class ImportBenchmark
{
    public const int DefaultRuns = 10;

    private const double ImportTargetMilliseconds = 100;
    private const double StartRatioTarget = 1.10;

    /// <summary>Whether the command line asks for the import figures, and how many pairs.</summary>
    public static bool Requested(IReadOnlyList<string> args, out int runs)
    {
        runs = DefaultRuns;
        var at = args.ToList().IndexOf("--import");
        if (at < 0)
        {
            return false;
        }

        if (at + 1 < args.Count && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            runs = Math.Clamp(n, 3, 100);
        }

        return true;
    }

    /// <returns>0 when both targets are met, 2 when not, 1 when pwsh could not be run.</returns>
    public static int Run(string manifest, int runs, TextWriter output)
    {
        var repository = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(manifest)!, "..", ".."));
        var import = "$s = [Diagnostics.Stopwatch]::StartNew(); Import-Module -Name '" + manifest.Replace("'", "''") + "'; "
            + "[Console]::Out.Write($s.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture))";
        output.WriteLine($"TensorOne import benchmark: {runs} pairs, in turn (bare start, then start + Import-Module), after one warm-up of each; {Environment.ProcessorCount} CPUs");
        output.WriteLine("Module: " + manifest);
        output.WriteLine("Load average before: " + LoadAverage());

        var bare = new List<double>();
        var imported = new List<double>();
        var insideImport = new List<double>();
        try
        {
            Start(repository, "exit");
            Start(repository, import);
            for (var i = 0; i < runs; i++)
            {
                bare.Add(Start(repository, "exit").Wall);
                var (wall, text) = Start(repository, import);
                imported.Add(wall);
                insideImport.Add(double.Parse(text.Trim(), CultureInfo.InvariantCulture));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or FormatException)
        {
            output.WriteLine("pwsh could not be run: " + ex.Message);
            return 1;
        }

        var ratios = imported.Zip(bare, (a, b) => a / b).ToList();
        output.WriteLine("Load average after:  " + LoadAverage());
        output.WriteLine();
        output.WriteLine("figure                                   min      median         max");
        Row(output, "Import-Module, inside pwsh (ms)", insideImport, "0.0");
        Row(output, "start + import, wall (ms)", imported, "0");
        Row(output, "bare start, wall (ms)", bare, "0");
        Row(output, "start + import / bare start", ratios, "0.000");
        output.WriteLine();

        var importMedian = Median(insideImport);
        var ratioMedian = Median(ratios);
        var pass = importMedian <= ImportTargetMilliseconds && ratioMedian <= StartRatioTarget;
        output.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "Targets: Import-Module at most {0:0} ms: {1:0.0} ms {2}; start + import at most {3:0.00}x a bare start: {4:0.000}x {5}",
            ImportTargetMilliseconds,
            importMedian,
            importMedian <= ImportTargetMilliseconds ? "met" : "NOT met",
            StartRatioTarget,
            ratioMedian,
            ratioMedian <= StartRatioTarget ? "met" : "NOT met"));
        return pass ? 0 : 2;
    }

    /// <summary>One pwsh, started as a dotnet tool from the repository (its tool manifest pins the version).</summary>
    private static (double Wall, string Output) Start(string repository, string command)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", command })
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet pwsh did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var wall = clock.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pwsh exited with {process.ExitCode}: {stderr.Result.Trim()}");
        }

        return (wall, stdout.Result);
    }

    private static void Row(TextWriter output, string name, IReadOnlyList<double> values, string format) =>
        output.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "{0,-34} {1,10} {2,11} {3,11}",
            name,
            values.Min().ToString(format, CultureInfo.InvariantCulture),
            Median(values).ToString(format, CultureInfo.InvariantCulture),
            values.Max().ToString(format, CultureInfo.InvariantCulture)));

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown (no /proc/loadavg)";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
