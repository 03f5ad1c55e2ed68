using System.Diagnostics;
using System.Globalization;
using TensorOne.Simulator;

namespace TensorOne.Benchmark;

/// <summary>
/// Runs one scenario on a fresh simulator (its own request log and rate-limit window) and a fresh
/// runspace, and reads what was sent from the simulator's request log.
/// </summary>
internal sealed class ScenarioRunner(string manifestPath, TimeSpan latency, double stopSeconds)
{
    // A stop without a snapshot goes through four phases; the stop's duration is spread over them.
    private const int StopPhases = 4;

    private readonly string _manifestPath = manifestPath;
    private readonly TimeSpan _latency = latency;
    private readonly double _stopSeconds = stopSeconds;

    /// <summary>
    /// One untimed small batch with no latency first: the engine, the module and both polling paths
    /// (single GETs and list pages) are compiled before anything is timed.
    /// </summary>
    public Task WarmUpAsync() => RunAsync(new BatchScenario("warm-up", 8, null), TimeSpan.Zero, 0.2);

    public Task<ScenarioResult> RunAsync(BatchScenario scenario) => RunAsync(scenario, _latency, _stopSeconds);

    private async Task<ScenarioResult> RunAsync(BatchScenario scenario, TimeSpan latency, double stopSeconds)
    {
        var options = new SimulatorOptions
        {
            StopPhaseSeconds = stopSeconds / StopPhases,
            Latency = latency,
        };
        await using var server = await SimulatorServer.StartAsync(options);
        var ids = server.State.SeedMany(scenario.Clusters, "cluster_bench_");
        using var session = HostedModuleSession.Connect(_manifestPath, server);
        server.State.ClearRequests();

        var script = scenario.Clusters == 1
            ? "Stop-T1Cluster -Id $ids[0] -Wait"
            : "$ids | Stop-T1Cluster -Wait" + (scenario.ThrottleLimit is { } limit ? " -ThrottleLimit " + limit.ToString(CultureInfo.InvariantCulture) : "");
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var (output, errors) = session.Invoke(script, ids);
        clock.Stop();

        var requests = server.State.Requests;
        var posts = requests.Where(r => r.Method == "POST").ToList();
        var gets = requests.Where(r => r.Method == "GET").ToList();
        var listPages = gets.Where(IsListPage).ToList();
        var lastPost = posts.Count == 0 ? TimeSpan.Zero : posts.Max(r => r.At) - started;
        return new ScenarioResult
        {
            Scenario = scenario,
            Wall = clock.Elapsed,
            Posts = posts.Count,
            ListPages = listPages.Count,
            ListRounds = listPages.Count(r => r.Query.StartsWith("?page=1&", StringComparison.Ordinal)),
            SingleGets = gets.Count - listPages.Count,

            // A round of reads starts with a single GET or a list's first page.
            ReadTimes = gets.Where(r => !IsListPage(r) || r.Query.StartsWith("?page=1&", StringComparison.Ordinal)).Select(r => r.At - started).ToList(),
            LastPostAt = lastPost,

            // The simulator starts a stop when the POST has sat out its latency.
            LastStoppedAt = lastPost + latency + TimeSpan.FromSeconds(stopSeconds),
            Problems = Problems(scenario, output.Select(o => o.Properties["Status"]?.Value as string).ToList(), errors.Select(e => e.ToString()).ToList(), server.State),
        };
    }

    private static bool IsListPage(RecordedRequest request) => request.Path.EndsWith("/clusters", StringComparison.Ordinal);

    private static List<string> Problems(BatchScenario scenario, List<string?> statuses, List<string> errors, SimulatorState state)
    {
        var problems = new List<string>();
        if (errors.Count > 0)
        {
            problems.Add($"{errors.Count} errors, the first: {errors[0]}");
        }

        var stopped = statuses.Count(s => s == "stopped");
        if (stopped != scenario.Clusters)
        {
            problems.Add($"{stopped} of {scenario.Clusters} results say stopped");
        }

        var notStopped = state.Clusters.Count(c => c.Status != "stopped");
        if (notStopped > 0)
        {
            problems.Add($"{notStopped} clusters are not stopped on the simulator");
        }

        return problems;
    }
}
