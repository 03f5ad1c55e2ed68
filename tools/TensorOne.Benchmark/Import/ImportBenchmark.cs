using System.Diagnostics;
using System.Globalization;

namespace TensorOne.Benchmark.Import;

/// <summary>
/// `--import [runs]`: what importing the module costs a fresh pwsh, and how much of that is
/// PowerShell's own. Two builds of the pinned pwsh are measured: the dotnet tool as installed (IL
/// only) and a ReadyToRun copy of it (as PowerShell's own packages ship). In each, a round is one bare
/// start (the same timing statements, no import) and one start per subject (TensorOne, and the floors in
/// <see cref="ImportSubject"/>), each a new process; the subjects' order turns every round, so a
/// shared machine's drift falls on all of them. The medians are the figures to quote, with the load average.
/// </summary>
internal static class ImportBenchmark
{
    public const int DefaultRuns = 10;

    private const double ImportTargetMilliseconds = 100;
    private const double StartRatioTarget = 1.10;

    /// <summary>Whether the command line asks for the import figures, and how many rounds.</summary>
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

    /// <returns>0 when both targets are met on the pwsh users run (ReadyToRun), 2 when not, 1 when pwsh could not be run.</returns>
    public static int Run(string manifest, int runs, TextWriter output)
    {
        var repository = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(manifest)!, "..", ".."));
        var scratch = Directory.CreateTempSubdirectory("tensorone-import-");
        try
        {
            var pshome = PinnedPwshHome(repository);
            var builds = new List<PwshProcess> { new("the dotnet-tool pwsh, IL only (JIT-compiled as it runs)", Path.Combine(pshome, "pwsh.dll")) };
            var readyToRun = ReadyToRunPwsh.Prepare(repository, pshome, output);
            if (readyToRun is not null)
            {
                builds.Add(new("the same pwsh precompiled (ReadyToRun), as PowerShell's packages ship it", readyToRun));
            }

            var subjects = ImportSubject.For(manifest, pshome, scratch.FullName);
            output.WriteLine($"TensorOne import benchmark: {runs} rounds per pwsh build (a bare start, then one start per module), after one warm-up; {Environment.ProcessorCount} CPUs");
            output.WriteLine("Module: " + manifest);
            output.WriteLine("pwsh: " + pshome);
            output.WriteLine("Load average before: " + LoadAverage());
            var met = false;
            foreach (var build in builds)
            {
                var (bare, samples) = Measure(build, subjects, runs);
                output.WriteLine();
                ImportTable.Print(output, build.Label, bare, samples);
                met = Verdict(output, samples);
            }

            output.WriteLine();
            output.WriteLine("Load average after:  " + LoadAverage());
            return met ? 0 : 2;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or FormatException)
        {
            output.WriteLine("pwsh could not be run: " + ex.Message);
            return 1;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static (List<double> Bare, List<ImportSamples> Samples) Measure(PwshProcess pwsh, IReadOnlyList<ImportSubject> subjects, int runs)
    {
        var samples = subjects.Select(s => new ImportSamples(s)).ToList();
        pwsh.Run(ImportSubject.BareCommand);
        samples.ForEach(s => pwsh.Run(s.Subject.Command));
        var bare = new List<double>();
        for (var round = 0; round < runs; round++)
        {
            var bareWall = pwsh.Run(ImportSubject.BareCommand).WallMilliseconds;
            bare.Add(bareWall);
            for (var i = 0; i < samples.Count; i++)
            {
                var sample = samples[(i + round) % samples.Count];
                var (wall, text) = pwsh.Run(sample.Subject.Command);
                var (importWall, importCpu) = ImportSubject.ParseTimes(text);
                sample.Wall.Add(importWall);
                sample.Cpu.Add(importCpu);
                sample.StartRatio.Add(wall / bareWall);
            }
        }

        return (bare, samples);
    }

    /// <summary>Prints the verdict on TensorOne against the targets, beside the floors of the same build.</summary>
    private static bool Verdict(TextWriter output, IReadOnlyList<ImportSamples> samples)
    {
        var ours = samples[0];
        var import = ImportSamples.Median(ours.Wall);
        var ratio = ImportSamples.Median(ours.StartRatio);
        output.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "Targets: Import-Module at most {0:0} ms: {1:0.0} ms {2}; start + import at most {3:0.00}x a bare start: {4:0.000}x {5}",
            ImportTargetMilliseconds,
            import,
            import <= ImportTargetMilliseconds ? "met" : "NOT met",
            StartRatioTarget,
            ratio,
            ratio <= StartRatioTarget ? "met" : "NOT met"));
        return import <= ImportTargetMilliseconds && ratio <= StartRatioTarget;
    }

    /// <summary>$PSHOME of the pwsh the repository's tool manifest pins (`dotnet tool restore` installs it).</summary>
    private static string PinnedPwshHome(string repository)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", "[Console]::Out.Write($PSHOME)" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet pwsh did not start");
        var home = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 && File.Exists(Path.Combine(home, "pwsh.dll"))
            ? home
            : throw new InvalidOperationException("the pinned pwsh did not start; run `dotnet tool restore` first");
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
