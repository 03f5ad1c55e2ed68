using System.Diagnostics;
using TensorOne.Tests.Measure;
using Xunit.Abstractions;

namespace TensorOne.Client.Tests.Measure;

/// <summary>
/// Not a test: what a stop or restart costs behind gateways and lagging reads, with the client's
/// default options (requests and commits the server saw, seconds, the outcome). It uses only the
/// public client API, so the same file prints the figures of an older build for comparison.
/// Run by hand: TENSORONE_MEASURE=1 dotnet test tests/TensorOne.Client.Tests -c Release --filter FullyQualifiedName~WriteSafetyFigures.
/// </summary>
[Trait("Category", "Measure")]
public sealed class WriteSafetyFigures(ITestOutputHelper output)
{
    [MeasureFact]
    public async Task Print_the_figures()
    {
        var lines = new[]
        {
            await Scenario("gateway HTML 503 after commit, restart, envelope", FaultKind.GatewayPageAfterCommit, "/restart$", o => o.RestartPhaseSeconds = 30, restart: true),
            await Scenario("gateway HTML 503 after commit, restart done in 0.01 s, envelope", FaultKind.GatewayPageAfterCommit, "/restart$", o => o.RestartPhaseSeconds = 0.002, restart: true),
            await Scenario("gateway HTML 503 after commit, stop, bare", FaultKind.GatewayPageAfterCommit, "/stop$", o => { o.Shape = ResponseShape.Bare; o.StopPhaseSeconds = 30; }, restart: false),
            await Scenario("reads lag 2 s, bare, restart answer lost, restart takes 0.01 s", FaultKind.ResetAfterHandler, "/restart$", o => { o.Shape = ResponseShape.Bare; o.RestartPhaseSeconds = 0.002; o.ReadLag = TimeSpan.FromSeconds(2); }, restart: true, limit: 1),
            await Scenario("reads lag 2 s, bare, restart answer lost, restart takes 5 s", FaultKind.ResetAfterHandler, "/restart$", o => { o.Shape = ResponseShape.Bare; o.RestartPhaseSeconds = 1; o.ReadLag = TimeSpan.FromSeconds(2); }, restart: true, limit: 1),
            await Scenario("reads lag 2 s, envelope, restart answer lost, restart takes 0.01 s", FaultKind.ResetAfterHandler, "/restart$", o => { o.RestartPhaseSeconds = 0.002; o.ReadLag = TimeSpan.FromSeconds(2); }, restart: true, limit: 1),
            await Scenario("reads lag 2 s, envelope, restart answer lost, restart takes 5 s", FaultKind.ResetAfterHandler, "/restart$", o => { o.RestartPhaseSeconds = 1; o.ReadLag = TimeSpan.FromSeconds(2); }, restart: true, limit: 1),
            await Scenario("API's own 503 after commit, restart, envelope", FaultKind.ServiceUnavailableAfterCommit, "/restart$", o => o.RestartPhaseSeconds = 30, restart: true, limit: 1),
        };
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
    }

    private static async Task<string> Scenario(string name, FaultKind kind, string path, Action<SimulatorOptions> configure, bool restart, int? limit = null)
    {
        var options = new SimulatorOptions();
        configure(options);
        await using var server = await SimulatorServer.StartWithClustersAsync(options, ("cluster_m", "m"));
        server.Options.Faults.Add(kind, 1, "POST", path, limit: limit);
        using var client = new TensorOneClient(new TensorOneClientOptions { BaseUri = server.BaseUri, ApiKey = new ApiKey(server.Options.ApiKey) });
        var watch = Stopwatch.StartNew();
        string outcome;
        try
        {
            var result = restart ? await client.RestartClusterAsync("cluster_m") : await client.StopClusterAsync("cluster_m");
            outcome = $"returned status {result.Status}";
        }
        catch (TensorOneRequestFailedException ex)
        {
            outcome = $"{ex.ErrorCode}: {ex.Message}";
        }

        watch.Stop();
        await Task.Delay(300); // the server logs a request when it is done with it
        var requests = server.State.Requests;
        var committed = restart ? server.State.CommittedRestarts("cluster_m") : server.State.CommittedStops("cluster_m");
        return $"{name}: {watch.Elapsed.TotalSeconds:0.0} s; {requests.Count(r => r.Method == "POST")} POST, {requests.Count(r => r.Method == "GET")} GET; {committed} {(restart ? "restarts" : "stops")} committed; {outcome}";
    }
}
