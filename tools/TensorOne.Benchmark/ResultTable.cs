using System.Globalization;

namespace TensorOne.Benchmark;

/// <summary>Prints the results as one table, then the verdict against the targets.</summary>
internal static class ResultTable
{
    private static readonly TimeSpan RoundGap = TimeSpan.FromMilliseconds(300);

    private const string Header =
        "scenario                    clusters  throttle   wall s  x single  POST/cl  list pages/cl  single GET/cl  GET/cl  list rounds  last POST s  lag s";

    public static void Print(TextWriter writer, ScenarioResult single, IReadOnlyList<ScenarioResult> results)
    {
        writer.WriteLine(Header);
        writer.WriteLine(new string('-', Header.Length));
        foreach (var result in results)
        {
            writer.WriteLine(Row(result, single));
        }

        writer.WriteLine();
        writer.WriteLine("GET/cl counts list pages and single GETs. last POST s: when the last POST reached the simulator.");
        writer.WriteLine("lag s: how long -Wait went on after the last cluster had stopped on the simulator (last POST + latency + stop).");
        foreach (var result in results.Where(r => r.Scenario.ThrottleLimit == 1 && r.Clusters > 1))
        {
            writer.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "-ThrottleLimit 1 sends the requests one at a time but still waits on all together; one cluster after another, each with -Wait, would take about {0} x {1:0.00} s = {2:0.0} s.",
                result.Clusters,
                single.Wall.TotalSeconds,
                result.Clusters * single.Wall.TotalSeconds));
        }

        foreach (var result in results.Where(r => r.Problems.Count > 0))
        {
            writer.WriteLine($"INVALID {result.Scenario.Label} ({result.Clusters}): {string.Join("; ", result.Problems)}");
        }
    }

    /// <summary>When each polling round began: shows the poll interval, and whether the POSTs or the polls set the pace.</summary>
    public static void PrintTimeline(TextWriter writer, IReadOnlyList<ScenarioResult> results)
    {
        writer.WriteLine("Polling rounds began at (s):");
        foreach (var result in results)
        {
            // Reads of one round start together; a gap means the watcher slept.
            var starts = new List<TimeSpan>();
            foreach (var at in result.ReadTimes.Order())
            {
                if (starts.Count == 0 || at - starts[^1] > RoundGap)
                {
                    starts.Add(at);
                }
            }

            var text = string.Join(" ", starts.Select(t => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)));
            writer.WriteLine($"  {result.Scenario.Label} ({result.Clusters}): {text}");
        }
    }

    private static string Row(ScenarioResult result, ScenarioResult single) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "{0,-26}  {1,8}  {2,8}  {3,7:0.00}  {4,8:0.00}  {5,7:0.00}  {6,13:0.00}  {7,13:0.00}  {8,6:0.00}  {9,11}  {10,11:0.00}  {11,5:0.00}",
            result.Scenario.Label,
            result.Clusters,
            result.Clusters == 1 ? "-" : result.Scenario.ThrottleLimit is { } limit ? limit.ToString(CultureInfo.InvariantCulture) : "default",
            result.Wall.TotalSeconds,
            result.Wall / single.Wall,
            result.PostsPerCluster,
            result.ListPagesPerCluster,
            result.SingleGetsPerCluster,
            result.GetsPerCluster,
            result.ListRounds,
            result.LastPostAt.TotalSeconds,
            result.DetectionLag.TotalSeconds);
}
