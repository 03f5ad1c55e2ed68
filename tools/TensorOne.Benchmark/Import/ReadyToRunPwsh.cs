using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace TensorOne.Benchmark.Import;

/// <summary>
/// A precompiled (ReadyToRun) copy of the pinned pwsh. PowerShell's own packages (MSI, deb, rpm,
/// tar.gz, Microsoft Store) ship ReadyToRun images; the dotnet-tool pwsh this repository pins is
/// IL only, so every PowerShell code path an import uses for the first time is JIT-compiled there,
/// and the import looks several times slower than a user's pwsh would make it. The copy is compiled
/// once with the SDK's crossgen2 and kept under artifacts/, keyed by the PowerShell and runtime versions.
/// </summary>
internal static class ReadyToRunPwsh
{
    /// <returns>The copy's pwsh.dll, or null (with the reason written) where it cannot be made here.</returns>
    public static string? Prepare(string repository, string pshome, TextWriter log)
    {
        var rid = RuntimeIdentifier();
        if (rid is null)
        {
            log.WriteLine("No ReadyToRun pwsh: this OS or architecture is not one crossgen2 targets here.");
            return null;
        }

        // The product version (7.6.9), not the assembly version, which stays 7.6.0.500 across patches.
        var powerShellVersion = FileVersionInfo.GetVersionInfo(Path.Combine(pshome, "System.Management.Automation.dll")).ProductVersion?.Split(' ', '+')[0] ?? "unknown";
        var copy = Path.Combine(repository, "artifacts", "pwsh-readytorun", $"{powerShellVersion}-net{Environment.Version}-{rid}");
        var stamp = Path.Combine(copy, ".complete");
        if (File.Exists(stamp))
        {
            return Path.Combine(copy, "pwsh.dll");
        }

        var crossgen = FindCrossgen2(repository, rid, log);
        if (crossgen is null)
        {
            return null;
        }

        log.WriteLine($"Compiling a ReadyToRun copy of pwsh {powerShellVersion} with {crossgen} (once; kept in {copy}) ...");
        if (Directory.Exists(copy))
        {
            Directory.Delete(copy, recursive: true);
        }

        foreach (var file in Directory.EnumerateFiles(pshome, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(pshome, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var framework = RuntimeEnvironment.GetRuntimeDirectory();
        var (os, arch) = (rid.Split('-')[0], rid.Split('-')[1]);
        var failed = new List<string>();
        Parallel.ForEach(
            Directory.GetFiles(pshome, "*.dll"),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            assembly =>
            {
                var output = Path.Combine(copy, Path.GetFileName(assembly));
                var ok = RunTool(crossgen, out _, assembly, "-o", output, "-O", "--targetos:" + os, "--targetarch:" + arch,
                    "-r", Path.Combine(framework, "*.dll"), "-r", Path.Combine(pshome, "*.dll"));
                if (!ok)
                {
                    // Not every file is compilable IL (façades, native); those stay as shipped.
                    File.Copy(assembly, output, overwrite: true);
                    lock (failed)
                    {
                        failed.Add(Path.GetFileName(assembly));
                    }
                }
            });
        if (failed.Count > 0)
        {
            log.WriteLine("Left as IL (crossgen2 declined them): " + string.Join(", ", failed.Order()));
        }

        File.WriteAllText(stamp, crossgen);
        return Path.Combine(copy, "pwsh.dll");
    }

    private static string? RuntimeIdentifier()
    {
        string? os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "osx" : OperatingSystem.IsWindows() ? "win" : null;
        string? arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            _ => null,
        };
        return os is null || arch is null ? null : $"{os}-{arch}";
    }

    /// <summary>Asks MSBuild which crossgen2 the SDK resolves (restoring its package if need be).</summary>
    private static string? FindCrossgen2(string repository, string rid, TextWriter log)
    {
        var project = Path.Combine(repository, "tools", "ReadyToRunCompiler", "ReadyToRunCompiler.csproj");
        if (!RunTool("dotnet", out var json, "msbuild", project, "-restore", "-nologo", "-p:RuntimeIdentifier=" + rid,
                "-t:ProcessFrameworkReferences;ResolveFrameworkReferences;ResolveTargetingPackAssets;ResolveReadyToRunCompilers",
                "-getItem:Crossgen2Tool"))
        {
            log.WriteLine("No ReadyToRun pwsh: MSBuild could not resolve crossgen2: " + json.Trim());
            return null;
        }

        using var document = JsonDocument.Parse(json);
        var tools = document.RootElement.GetProperty("Items").GetProperty("Crossgen2Tool");
        var path = tools.GetArrayLength() > 0 ? tools[0].GetProperty("Identity").GetString() : null;
        if (path is null || !File.Exists(path))
        {
            log.WriteLine("No ReadyToRun pwsh: the SDK resolved no crossgen2 for " + rid + ".");
            return null;
        }

        return path;
    }

    private static bool RunTool(string file, out string output, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(file + " did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            output += stderr.Result;
        }

        return process.ExitCode == 0;
    }
}
