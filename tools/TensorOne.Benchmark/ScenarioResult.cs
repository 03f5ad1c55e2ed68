namespace TensorOne.Benchmark;

/// <summary>What one run took, and what the simulator's request log says it sent.</summary>
internal sealed record ScenarioResult
{
    public required BatchScenario Scenario { get; init; }

    public required TimeSpan Wall { get; init; }

    public required int Posts { get; init; }

    /// <summary>GET /clusters requests, one per page.</summary>
    public required int ListPages { get; init; }

    /// <summary>Polling rounds that read the list (its first pages).</summary>
    public required int ListRounds { get; init; }

    /// <summary>GET /clusters/{id} requests.</summary>
    public required int SingleGets { get; init; }

    /// <summary>When each single GET and each list's first page reached the simulator, from the start of the run.</summary>
    public required IReadOnlyList<TimeSpan> ReadTimes { get; init; }

    /// <summary>From the start of the run to the arrival of the last POST: the fan-out of the requests.</summary>
    public required TimeSpan LastPostAt { get; init; }

    /// <summary>From the start of the run to the moment the simulator's last cluster reached "stopped".</summary>
    public required TimeSpan LastStoppedAt { get; init; }

    /// <summary>Why the run does not count (errors, clusters not stopped); empty when it does.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    public int Clusters => Scenario.Clusters;

    public int Gets => ListPages + SingleGets;

    public double PostsPerCluster => (double)Posts / Clusters;

    public double ListPagesPerCluster => (double)ListPages / Clusters;

    public double SingleGetsPerCluster => (double)SingleGets / Clusters;

    public double GetsPerCluster => (double)Gets / Clusters;

    /// <summary>How long -Wait went on after the last cluster had in fact stopped: the cost of polling.</summary>
    public TimeSpan DetectionLag => Wall - LastStoppedAt;
}
