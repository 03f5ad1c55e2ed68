using System.Diagnostics;
using TensorOne.Simulator;
using TensorOne.Simulator.Faults;
using Xunit;
using Xunit.Abstractions;

namespace TensorOne.Framework.Tests;

/// <summary>
/// The Windows PowerShell 5.1 stand-in: tests/TensorOne.FrameworkSmoke (net472) under Mono, loading
/// out/TensorOne/dependencies/ through the module's own FrameworkResolver, against the simulator.
/// The cmdlets cannot run under Mono (it has no System.Management.Automation), so this proves the
/// client layer, its dependencies and the 5.1 resolver; docs/windows-checklist.md covers the rest.
/// </summary>
public sealed class MonoSmokeTests(ITestOutputHelper output)
{
    private const string Prefix = "cluster_fx_";

    [Fact]
    public async Task The_client_runs_on_mono_through_the_module_resolver_with_retries()
    {
        // On Windows the program runs on .NET Framework itself; elsewhere on Mono.
        var mono = OperatingSystem.IsWindows() ? null : FindOnPath("mono");
        Assert.True(OperatingSystem.IsWindows() || mono is not null, "mono is not on PATH. Install it (Debian: apt-get install -y mono-devel; .ci/run does this).");

        var options = new SimulatorOptions { StopPhaseSeconds = 0.2, RestartPhaseSeconds = 0.2 };
        options.Faults
            .Add(FaultKind.ServiceUnavailable, 1, "GET", "/clusters$", limit: 1)
            .Add(FaultKind.TooManyRequests, 1, "POST", "/restart$", limit: 1);
        await using var server = await SimulatorServer.StartAsync(options);
        var ids = server.State.SeedMany(4, Prefix);

        // The program alone in an empty folder: no dependency beside it, no binding redirects.
        var folder = Directory.CreateTempSubdirectory("tensorone-mono-");
        try
        {
            var program = Path.Combine(folder.FullName, Path.GetFileName(FrameworkPaths.SmokeProgram));
            File.Copy(FrameworkPaths.SmokeProgram, program);
            var (exitCode, printed) = mono is null
                ? await RunAsync(program, FrameworkPaths.Module, server.BaseUri.ToString(), server.Options.ApiKey)
                : await RunAsync(mono, program, FrameworkPaths.Module, server.BaseUri.ToString(), server.Options.ApiKey);
            output.WriteLine(printed);
            Assert.True(exitCode == 0, $"mono exited {exitCode}:\n{printed}");

            // Dependencies came from the module's folder, through the resolver.
            foreach (var assembly in new[] { "TensorOne.Client", "System.Text.Json", "Polly.Core", "Microsoft.Bcl.TimeProvider" })
            {
                Assert.Matches($@"(?m)^loaded: {assembly} \S+ {System.Text.RegularExpressions.Regex.Escape(Path.Combine(FrameworkPaths.Dependencies, assembly + ".dll"))}$", printed);
            }

            Assert.Contains(OperatingSystem.IsWindows() ? "runtime: .NET Framework" : "runtime: Mono", printed, StringComparison.Ordinal);

            // Mono takes the .NET Framework paths: the module's own choice of resolver, the client's
            // runtime check, and its TLS setting (1.2 the floor, 1.3 where the runtime knows it).
            Assert.Contains("resolver: FrameworkResolver chosen by ", printed, StringComparison.Ordinal);
            Assert.Contains("client paths: .NET Framework", printed, StringComparison.Ordinal);
            Assert.Matches(@"(?m)^tls: Tls12(, (Tls13|12288))?$", printed);

            // The resolver declined this program's own reference (not one of the module's assemblies),
            // answered every reference the client's dependencies made, and left with the module.
            var declined = printed.Split('\n').Where(l => l.StartsWith("declined by the module: ", StringComparison.Ordinal)).ToList();
            Assert.Contains("declined by the module: TensorOne.Client 0.1.0.0 for TensorOne.FrameworkSmoke", declined);
            var shipped = Directory.EnumerateFiles(FrameworkPaths.Dependencies, "*.dll").Select(Path.GetFileNameWithoutExtension).ToList();
            Assert.DoesNotContain(declined, l => shipped.Any(name => l.Contains($": {name} ", StringComparison.Ordinal) && !l.EndsWith(" for TensorOne.FrameworkSmoke", StringComparison.Ordinal)));
            Assert.Contains("handlers after import: 1 FrameworkResolver", printed, StringComparison.Ordinal);
            Assert.Contains("handlers after remove: 0 FrameworkResolver", printed, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        var requests = server.State.Requests;

        // The list: a 503, retried once.
        var lists = requests.Where(r => r.Method == "GET" && r.Path.EndsWith("/clusters", StringComparison.Ordinal)).ToList();
        Assert.Equal(FaultKind.ServiceUnavailable, lists[0].Fault);
        Assert.Equal(200, lists[1].StatusCode);

        // The batch: one stop per cluster, each once, all but the last cluster.
        var batch = ids.Take(ids.Count - 1).ToList();
        var stops = requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/stop", StringComparison.Ordinal)).ToList();
        Assert.Equal(batch.Order(), stops.Select(r => r.ClusterId!).Order());
        Assert.All(stops, r => Assert.Equal(200, r.StatusCode));

        // The restart: a 429 with Retry-After, then the same request again no sooner than it said.
        var restarts = requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/restart", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, restarts.Count);
        Assert.Equal(FaultKind.TooManyRequests, restarts[0].Fault);
        Assert.Equal(200, restarts[1].StatusCode);
        Assert.Equal(restarts[0].Headers["Idempotency-Key"], restarts[1].Headers["Idempotency-Key"]);
        Assert.True(restarts[1].At >= restarts[0].AnsweredAt + options.Faults.RetryAfter, $"retried at {restarts[1].At:O}, answered 429 at {restarts[0].AnsweredAt:O}");

        // The end state: the first restarted, the rest of the batch stopped, the last untouched.
        Assert.Equal("running", server.State.Find(batch[0])!.Status);
        Assert.All(batch.Skip(1), id => Assert.Equal("stopped", server.State.Find(id)!.Status));
        Assert.Equal("running", server.State.Find(ids[^1])!.Status);
        Assert.DoesNotContain(requests, r => r.ClusterId == ids[^1] && r.Method == "POST");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The Mono smoke did not finish within four minutes:\n" + await stdout);
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
