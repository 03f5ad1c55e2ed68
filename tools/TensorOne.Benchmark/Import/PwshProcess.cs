using System.Diagnostics;

namespace TensorOne.Benchmark.Import;

/// <summary>One pwsh build, started as a fresh process the way a user or a scheduled task starts one.</summary>
internal sealed record PwshProcess(string Label, string PwshDll)
{
    /// <summary>Starts `dotnet pwsh.dll -NoProfile -NonInteractive -Command command` and waits for it.</summary>
    /// <returns>The whole process's wall time, and what it wrote to standard output.</returns>
    public (double WallMilliseconds, string Output) Run(string command)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { PwshDll, "-NoProfile", "-NonInteractive", "-Command", command })
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var wall = clock.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0 || stderr.Result.Trim().Length > 0)
        {
            throw new InvalidOperationException($"{Label} exited with {process.ExitCode}: {stderr.Result.Trim()}");
        }

        return (wall, stdout.Result);
    }
}
