using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TensorOne.Client.Models;
using TensorOne.Client.Tests.Resilience;
using TensorOne.Tests.Measure;
using Xunit.Abstractions;

namespace TensorOne.Client.Tests.Measure;

/// <summary>
/// Not a test: what each hostile-server scenario costs the client (time a command took, requests the
/// server saw), with the client's default options, one scenario each. Run by hand: TENSORONE_MEASURE=1 dotnet test tests/TensorOne.Client.Tests -c Release --filter Category=Measure.
/// </summary>
[Trait("Category", "Measure")]
public sealed class FaultScenarioFigures(ITestOutputHelper output)
{
    private const string SlashPlusKey = "tpo_test_ab/cd+ef/gh+ij_0123456789";

    [MeasureFact]
    public async Task Print_the_figures()
    {
        var lines = await Task.WhenAll(
            Scenario("restart, bare shape, answer lost, restart done in 0.1 s", FaultKind.ResetAfterHandler, "/restart$", o => { o.Shape = ResponseShape.Bare; o.RestartPhaseSeconds = 0.05; }, c => c.RestartClusterAsync("cluster_m")),
            Scenario("restart, envelope, answer lost, restart done in 0.1 s", FaultKind.ResetAfterHandler, "/restart$", o => o.RestartPhaseSeconds = 0.05, c => c.RestartClusterAsync("cluster_m")),
            Scenario("stop, bare shape, answer lost", FaultKind.ResetAfterHandler, "/stop$", o => { o.Shape = ResponseShape.Bare; o.StopPhaseSeconds = 0.05; }, c => c.StopClusterAsync("cluster_m")),
            Scenario("error echoes the key JSON-escaped", FaultKind.EchoKeyEscaped, "/stop$", o => o.ApiKey = SlashPlusKey, c => c.StopClusterAsync("cluster_m")),
            Scenario("success echoes the key JSON-escaped", FaultKind.EchoKeyEscapedInSuccess, "/stop$", o => o.ApiKey = SlashPlusKey, c => c.StopClusterAsync("cluster_m")),
            Scenario("reason phrase carries the key", FaultKind.KeyInReasonPhrase, "/stop$", null, c => c.StopClusterAsync("cluster_m")),
            Scenario("stalled headers (every request)", FaultKind.SlowBeforeHandler, null, null, c => c.StopClusterAsync("cluster_m"), TimeSpan.FromMinutes(10)),
            Scenario("stalled body (every request)", FaultKind.StalledBody, null, null, c => c.StopClusterAsync("cluster_m"), TimeSpan.FromMinutes(10)),
            Scenario("Retry-After: 100 on every POST", FaultKind.TooManyRequests, "/stop$", null, c => c.StopClusterAsync("cluster_m"), retryAfter: TimeSpan.FromSeconds(100)),
            Scenario("307 redirect", FaultKind.Redirect, "/stop$", null, c => c.StopClusterAsync("cluster_m")),
            Scenario("one-character key, 404", FaultKind.LowRateLimit, "/nothing$", o => o.ApiKey = "e", c => c.StopClusterAsync("cluster_none")),
            Refused());
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
    }

    private static async Task<string> Scenario(string name, FaultKind kind, string? path, Action<SimulatorOptions>? configure, Func<TensorOneClient, Task<ClusterOperationResult>> act, TimeSpan? slow = null, TimeSpan? retryAfter = null)
    {
        var options = new SimulatorOptions();
        configure?.Invoke(options);
        await using var server = await SimulatorServer.StartWithClustersAsync(options, ("cluster_m", "m"));
        server.Options.Faults.SlowDelay = slow ?? TimeSpan.FromSeconds(35);
        server.Options.Faults.RetryAfter = retryAfter ?? TimeSpan.FromSeconds(1);
        server.Options.Faults.Add(kind, 1, pathPattern: path);
        var log = new LogCollector();
        using var client = new TensorOneClient(new TensorOneClientOptions { BaseUri = server.BaseUri, ApiKey = new ApiKey(server.Options.ApiKey), Log = log.Sink });
        var watch = Stopwatch.StartNew();
        string outcome;
        try
        {
            var result = await act(client);
            outcome = $"ok: status {result.Status}, name '{result.Name}', request id '{result.RequestId}'";
        }
        catch (Exception ex)
        {
            outcome = ex.GetType().Name + ": " + ex.Message + " | ToString has key: " + ex.ToString().Contains(server.Options.ApiKey.Length > 1 ? server.Options.ApiKey : "\u0000", StringComparison.Ordinal);
        }

        watch.Stop();
        await Task.Delay(300);
        var requests = server.State.Requests;
        var committed = (server.State.CommittedStops("cluster_m"), server.State.CommittedRestarts("cluster_m"));
        var key = server.Options.ApiKey;
        var leak = key.Length > 1 && (outcome.Contains(key, StringComparison.Ordinal) || log.AllText.Contains(key, StringComparison.Ordinal));
        return $"{name}: {watch.Elapsed.TotalSeconds:0.0} s; server saw {requests.Count} requests ({string.Join(", ", requests.GroupBy(r => r.Method).Select(g => g.Count() + " " + g.Key))}); committed stops/restarts {committed}; key in output or log: {leak}; {outcome}";
    }

    private static async Task<string> Refused()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new TensorOneClient(new TensorOneClientOptions { BaseUri = new Uri($"http://127.0.0.1:{port}/v2"), ApiKey = new ApiKey("tpo_test_x") });
        var watch = Stopwatch.StartNew();
        var failure = await Record.ExceptionAsync(() => client.StopClusterAsync("cluster_m"));
        return $"refused port: {watch.Elapsed.TotalSeconds:0.0} s; {failure?.Message}";
    }
}
