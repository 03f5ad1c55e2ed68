using System.Diagnostics;
using System.Globalization;
using TensorOne.Simulator;

namespace TensorOne.Benchmark;

/// <summary>
/// The large-account scenarios: what a command costs when the account holds far more clusters
/// than it acts on. -Wait on a few of 10,000 clusters, the first rows of a listing, and a dry run over
/// piped clusters, each counted from the simulator's request log.
/// </summary>
internal sealed class LargeAccountRunner(string manifestPath, TimeSpan latency, double stopSeconds, int accountSize)
{
    private const int StopPhases = 4;

    /// <summary>The target: -Wait on 150 clusters of the large account costs at most 30 GETs.</summary>
    private const int WaitTargetClusters = 150;
    private const int WaitTargetGets = 30;

    private readonly string _manifestPath = manifestPath;
    private readonly TimeSpan _latency = latency;
    private readonly double _stopSeconds = stopSeconds;
    private readonly int _accountSize = accountSize;

    public async Task<LargeAccountResult> RunWaitAsync(int watched)
    {
        await using var server = await StartAsync();
        var ids = server.State.SeedMany(_accountSize, "cluster_acct_").Take(watched).ToList();
        using var session = HostedModuleSession.Connect(_manifestPath, server);
        server.State.ClearRequests();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var (output, errors) = session.Invoke("$ids | Stop-T1Cluster -Wait", ids);
        clock.Stop();

        var gets = server.State.Requests.Where(r => r.Method == "GET").ToList();
        var lists = gets.Where(IsList).ToList();
        var posts = server.State.Requests.Where(r => r.Method == "POST").ToList();
        var lastStopped = (posts.Count == 0 ? TimeSpan.Zero : posts.Max(r => r.At) - started) + _latency + TimeSpan.FromSeconds(_stopSeconds);

        // In list mode a round begins with a first page; with few clusters, each round reads every one by id.
        var rounds = lists.Count(r => r.Query.StartsWith("?page=1&", StringComparison.Ordinal) && r.Query.Contains("status=stopping&", StringComparison.Ordinal));
        if (rounds == 0)
        {
            rounds = gets.Count == 0 ? 0 : gets.GroupBy(r => r.ClusterId).Max(g => g.Count());
        }

        var problems = new List<string>();
        if (errors.Count > 0)
        {
            problems.Add($"{errors.Count} errors, the first: {errors[0]}");
        }

        var stopped = output.Count(o => o.Properties["Status"]?.Value as string == "stopped");
        if (stopped != watched)
        {
            problems.Add($"{stopped} of {watched} results say stopped");
        }

        return new LargeAccountResult($"-Wait on {watched}", clock.Elapsed, gets.Count, lists.Count, gets.Count - lists.Count, rounds, clock.Elapsed - lastStopped, problems);
    }

    public async Task<LargeAccountResult> RunScriptAsync(string label, string script, int clusters)
    {
        await using var server = await StartAsync();
        var ids = server.State.SeedMany(clusters, "cluster_acct_");
        using var session = HostedModuleSession.Connect(_manifestPath, server);
        server.State.ClearRequests();
        var clock = Stopwatch.StartNew();
        var (_, errors) = session.Invoke(script, ids);
        clock.Stop();
        var gets = server.State.Requests.Where(r => r.Method == "GET").ToList();
        var lists = gets.Count(IsList);
        var problems = errors.Count > 0 ? new List<string> { $"{errors.Count} errors, the first: {errors[0]}" } : new List<string>();
        if (server.State.Requests.Any(r => r.Method == "POST"))
        {
            problems.Add("a POST was sent");
        }

        return new LargeAccountResult(label, clock.Elapsed, gets.Count, lists, gets.Count - lists, 0, null, problems);
    }

    public static void Print(TextWriter writer, int accountSize, IReadOnlyList<LargeAccountResult> results)
    {
        const string Header = "scenario                                        wall s   GETs  list pages  single GETs  rounds  pages/round  reads/round  lag s";
        writer.WriteLine(string.Format(CultureInfo.InvariantCulture, "Large account: {0:N0} clusters", accountSize));
        writer.WriteLine(Header);
        writer.WriteLine(new string('-', Header.Length));
        foreach (var r in results)
        {
            writer.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "{0,-46}  {1,7:0.00}  {2,5}  {3,10}  {4,11}  {5,6}  {6,11}  {7,11}  {8,5}",
                r.Label,
                r.Wall.TotalSeconds,
                r.Gets,
                r.ListPages,
                r.SingleGets,
                r.Rounds == 0 ? "-" : r.Rounds.ToString(CultureInfo.InvariantCulture),
                r.Rounds == 0 ? "-" : ((double)r.ListPages / r.Rounds).ToString("0.0", CultureInfo.InvariantCulture),
                r.Rounds == 0 ? "-" : ((double)r.Gets / r.Rounds).ToString("0.0", CultureInfo.InvariantCulture),
                r.Lag is { } lag ? lag.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) : "-"));
        }

        writer.WriteLine("pages/round: list pages per polling round (filtered on status=stopping; clusters leaving it together are found in");
        writer.WriteLine("the status=stopped list, then status=error, when that is cheaper than a read each). reads/round: every GET over the rounds.");
        foreach (var r in results.Where(r => r.Label == $"-Wait on {WaitTargetClusters}"))
        {
            writer.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "Target: -Wait on {0} clusters in this account with at most {1} GETs: {2} ({3} GETs)",
                WaitTargetClusters,
                WaitTargetGets,
                r.Gets <= WaitTargetGets && r.Problems.Count == 0 ? "PASS" : "FAIL",
                r.Gets));
        }

        writer.WriteLine("lag s: how long -Wait went on after the last stop ended on the simulator.");
        foreach (var r in results.Where(r => r.Problems.Count > 0))
        {
            writer.WriteLine($"INVALID {r.Label}: {string.Join("; ", r.Problems)}");
        }
    }

    private Task<SimulatorServer> StartAsync() =>
        SimulatorServer.StartAsync(new SimulatorOptions { StopPhaseSeconds = _stopSeconds / StopPhases, Latency = _latency });

    private static bool IsList(RecordedRequest request) => request.Path.EndsWith("/clusters", StringComparison.Ordinal);
}

internal sealed record LargeAccountResult(string Label, TimeSpan Wall, int Gets, int ListPages, int SingleGets, int Rounds, TimeSpan? Lag, IReadOnlyList<string> Problems);
