using System.Globalization;

namespace TensorOne.Benchmark;

/// <summary>
/// The target: 1,000 clusters at 50 ms latency and a 5 s stop finish within twice the single
/// cluster's time, with fewer than 3 GETs per cluster.
/// </summary>
internal static class TargetVerdict
{
    public const int TargetClusters = 1000;
    public const double MaxRatio = 2.0;
    public const double MaxGetsPerCluster = 3.0;

    /// <returns>True when the target is met (or cannot be judged: no batch was run).</returns>
    public static bool Print(TextWriter writer, BenchmarkArguments arguments, ScenarioResult single, IReadOnlyList<ScenarioResult> batches)
    {
        var judged = batches.FirstOrDefault(b => b.Clusters == TargetClusters) ?? batches.OrderByDescending(b => b.Clusters).FirstOrDefault();
        if (judged is null)
        {
            writer.WriteLine("Target: not judged (no batch larger than one cluster was run).");
            return true;
        }

        var ratio = judged.Wall / single.Wall;
        var pass = judged.Problems.Count == 0 && single.Problems.Count == 0 && ratio <= MaxRatio && judged.GetsPerCluster < MaxGetsPerCluster;
        var caveats = new List<string>();
        if (judged.Clusters != TargetClusters)
        {
            caveats.Add($"judged on {judged.Clusters} clusters");
        }

        if (arguments.LatencyMilliseconds != 50 || Math.Abs(arguments.StopSeconds - 5) > 1e-9)
        {
            caveats.Add($"measured at {arguments.LatencyMilliseconds} ms and {arguments.StopSeconds:0.##} s");
        }

        if (arguments.ThrottleLimit is { } limit)
        {
            caveats.Add($"-ThrottleLimit {limit}");
        }

        writer.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "Target: {0} clusters at 50 ms and a 5 s stop within {1:0.#}x the single cluster's {2:0.00} s (= {3:0.00} s) with fewer than {4:0} GETs per cluster: {5} ({6:0.00} s = {7:0.00}x; {8:0.00} GETs per cluster){9}",
            TargetClusters,
            MaxRatio,
            single.Wall.TotalSeconds,
            single.Wall.TotalSeconds * MaxRatio,
            MaxGetsPerCluster,
            pass ? "PASS" : "FAIL",
            judged.Wall.TotalSeconds,
            ratio,
            judged.GetsPerCluster,
            caveats.Count > 0 ? " [" + string.Join("; ", caveats) + "]" : ""));
        return pass;
    }
}
