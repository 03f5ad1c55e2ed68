using System.Diagnostics;

namespace TensorOne.PowerShell.Tests;

/// <summary>
/// Runs a script in the real pwsh pinned in .config/dotnet-tools.json (`dotnet pwsh`), connected to a
/// simulator through the environment, for what the hosted engine cannot show: the full set of
/// built-in modules, and the console host's own progress pane.
/// </summary>
internal static class RealPwsh
{
    /// <summary>A script file that connects to <paramref name="server"/> and imports the built module before <paramref name="body"/>.</summary>
    public static string WriteScript(SimulatorServer server, string body)
    {
        var path = Path.Combine(Path.GetTempPath(), "t1-" + Guid.NewGuid().ToString("N") + ".ps1");
        File.WriteAllText(path, $"""
            $ErrorActionPreference = 'Stop'
            $env:TENSORONE_API_KEY = '{server.Options.ApiKey}'
            $env:TENSORONE_BASE_URI = '{server.BaseUri}'
            Import-Module '{RepoPaths.ModuleManifest}'
            $ErrorActionPreference = 'Continue'
            {body}
            """);
        return path;
    }

    /// <summary>Runs the script with its output redirected; returns stdout, stderr and the exit code.</summary>
    /// <param name="environment">Variables to set (a value) or remove (null) for the child process.</param>
    public static async Task<(string Output, string Errors, int ExitCode)> RunAsync(string script, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", script })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet pwsh did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pwsh did not finish within {timeout}: {await output}{await errors}");
        }

        return (await output, await errors, process.ExitCode);
    }

    /// <summary>Runs a program to its end (tmux commands); returns its stdout.</summary>
    public static string Exec(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoPaths.Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(file + " did not start");
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors}");
        }

        return output;
    }
}
