using System.Globalization;

namespace TensorOne.Benchmark;

/// <summary>
/// The targets, measured against the simulator (which answers only documented query values): 500 and
/// 1,000 piped clusters with -Wait at 50 ms latency and a 5 s stop finish within 1.5x the single
/// cluster's time, with at most 1.2 GETs per cluster.
/// </summary>
internal static class TargetVerdict
{
    public static readonly int[] TargetClusters = [500, 1000];
    public const double MaxRatio = 1.5;
    public const double MaxGetsPerCluster = 1.2;

    /// <returns>True when every target size run meets the target (or none can be judged: no batch was run).</returns>
    public static bool Print(TextWriter writer, BenchmarkArguments arguments, ScenarioResult single, IReadOnlyList<ScenarioResult> batches)
    {
        var judged = batches.Where(b => TargetClusters.Contains(b.Clusters)).ToList();
        if (judged.Count == 0 && batches.OrderByDescending(b => b.Clusters).FirstOrDefault() is { } largest)
        {
            judged.Add(largest);
        }

        if (judged.Count == 0)
        {
            writer.WriteLine("Target: not judged (no batch larger than one cluster was run).");
            return true;
        }

        var caveats = new List<string>();
        if (arguments.LatencyMilliseconds != 50 || Math.Abs(arguments.StopSeconds - 5) > 1e-9)
        {
            caveats.Add($"measured at {arguments.LatencyMilliseconds} ms and {arguments.StopSeconds:0.##} s");
        }

        if (arguments.ThrottleLimit is { } limit)
        {
            caveats.Add($"-ThrottleLimit {limit}");
        }

        var all = true;
        foreach (var batch in judged)
        {
            var ratio = batch.Wall / single.Wall;
            var pass = batch.Problems.Count == 0 && single.Problems.Count == 0 && ratio <= MaxRatio && batch.GetsPerCluster <= MaxGetsPerCluster;
            all &= pass;
            writer.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "Target: {0} clusters within {1:0.#}x the single cluster's {2:0.00} s (= {3:0.00} s) with at most {4:0.0} GETs per cluster: {5} ({6:0.00} s = {7:0.00}x; {8:0.00} GETs per cluster, {9} GETs){10}",
                batch.Clusters,
                MaxRatio,
                single.Wall.TotalSeconds,
                single.Wall.TotalSeconds * MaxRatio,
                MaxGetsPerCluster,
                pass ? "PASS" : "FAIL",
                batch.Wall.TotalSeconds,
                ratio,
                batch.GetsPerCluster,
                batch.Gets,
                TargetClusters.Contains(batch.Clusters) && caveats.Count == 0 ? "" : " [" + string.Join("; ", caveats.Append($"judged on {batch.Clusters} clusters")) + "]"));
        }

        return all;
    }
}
