using System.Globalization;

namespace TensorOne.Simulator;

/// <summary>
/// The clusters of one simulator and the log of the requests it answered. Thread-safe: tests seed and
/// inspect it while requests are in flight.
/// </summary>
public sealed class SimulatorState
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly List<SimulatedCluster> _clusters = [];
    private readonly Dictionary<string, SimulatedCluster> _clustersById = new(StringComparer.Ordinal);
    private readonly List<(long Sequence, RecordedRequest Request)> _requests = [];
    private long _lastRequestSequence;
    private long _answered;

    public SimulatorState(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _clock = timeProvider;
    }

    /// <summary>Snapshot of all clusters, in insertion order.</summary>
    public IReadOnlyList<SimulatedCluster> Clusters
    {
        get
        {
            lock (_gate)
            {
                return [.. _clusters];
            }
        }
    }

    /// <summary>Snapshot of the requests answered so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                // Requests are logged when they finish, so order them back by arrival.
                return [.. _requests.OrderBy(entry => entry.Sequence).Select(entry => entry.Request)];
            }
        }
    }

    /// <summary>Adds a cluster; <paramref name="createdAt"/> defaults to an hour ago and <paramref name="lastAccessed"/> to now.</summary>
    /// <exception cref="ArgumentException">The id is empty or taken, or the status is not one the API knows.</exception>
    public SimulatedCluster AddCluster(
        string id,
        string name,
        string status = "running",
        string gpuType = "A100",
        double hourlyRate = 2.5,
        double gpuUtilization = 35,
        DateTimeOffset? lastAccessed = null,
        DateTimeOffset? createdAt = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!ClusterStatus.IsKnown(status))
        {
            throw new ArgumentException($"Unknown cluster status '{status}'; expected one of {string.Join(", ", ClusterStatus.All)}.", nameof(status));
        }

        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (_clustersById.ContainsKey(id))
            {
                throw new ArgumentException($"A cluster with id '{id}' already exists.", nameof(id));
            }

            var cluster = new SimulatedCluster(
                _clusters.Count,
                id,
                name,
                status,
                gpuType,
                hourlyRate,
                gpuUtilization,
                createdAt ?? now.AddHours(-1),
                lastAccessed ?? now,
                _clock);
            _clusters.Add(cluster);
            _clustersById.Add(id, cluster);
            return cluster;
        }
    }

    /// <summary>
    /// A small, varied fleet for demos: busy and idle running clusters (idle ones last accessed hours
    /// ago), a stopped one and one in error.
    /// </summary>
    public void SeedDemo()
    {
        var now = _clock.GetUtcNow();
        Demo("cluster_9f2c4a1b", "ml-train-01", ClusterStatus.Running, "H100", 8, 24.00, 92, now.AddMinutes(-4), now.AddDays(-3), "proj_research", "us-east-1");
        Demo("cluster_3b7e8d20", "ml-train-02", ClusterStatus.Running, "A100", 4, 10.00, 2, now.AddHours(-6), now.AddDays(-2), "proj_research", "us-east-1");
        Demo("cluster_51ad9e07", "dev-notebook-01", ClusterStatus.Running, "RTX4090", 1, 0.74, 0, now.AddHours(-26), now.AddDays(-5), "proj_sandbox", "us-west-2");
        Demo("cluster_c08f6b3e", "inference-prod-01", ClusterStatus.Running, "L40S", 2, 3.80, 61, now.AddMinutes(-1), now.AddDays(-30), "proj_serving", "eu-central-1");
        Demo("cluster_7d41e2c9", "ml-eval-01", ClusterStatus.Stopped, "A100", 2, 5.00, 0, now.AddDays(-3), now.AddDays(-10), "proj_research", "us-east-1");
        Demo("cluster_e6a09f54", "data-prep-01", ClusterStatus.Error, "A10G", 1, 1.10, 0, now.AddHours(-2), now.AddDays(-1), "proj_sandbox", "us-west-2");
    }

    /// <summary>Adds <paramref name="count"/> running clusters named <c>bulk-0001</c>…, created one second apart.</summary>
    public IReadOnlyList<string> SeedMany(int count, string prefix = "cluster_bulk_")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var now = _clock.GetUtcNow();
        var width = Math.Max(4, count.ToString(CultureInfo.InvariantCulture).Length);
        var ids = new List<string>(count);
        for (var i = 1; i <= count; i++)
        {
            var number = i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            var id = prefix + number;
            AddCluster(
                id,
                "bulk-" + number,
                gpuUtilization: i % 10 * 10,
                lastAccessed: now.AddMinutes(-(i % 120)),
                createdAt: now.AddSeconds(i - count - 3600));
            ids.Add(id);
        }

        return ids;
    }

    public SimulatedCluster? Find(string id)
    {
        lock (_gate)
        {
            return _clustersById.GetValueOrDefault(id);
        }
    }

    /// <summary>
    /// Requests received whose answer is not logged yet. A test stepping a fake clock moves it only when
    /// this is zero, so no request is in the middle of being answered when time jumps.
    /// </summary>
    public long InFlight => Interlocked.Read(ref _lastRequestSequence) - Interlocked.Read(ref _answered);

    /// <summary>Every request received since the simulator started, <see cref="ClearRequests"/> or not.</summary>
    public long Received => Interlocked.Read(ref _lastRequestSequence);

    public void ClearRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>How many stops this cluster accepted (answered 200); 0 for an unknown id.</summary>
    public int CommittedStops(string id) => Find(id)?.CommittedStops ?? 0;

    /// <summary>How many restarts this cluster accepted (answered 200); 0 for an unknown id.</summary>
    public int CommittedRestarts(string id) => Find(id)?.CommittedRestarts ?? 0;

    internal long NextRequestSequence() => Interlocked.Increment(ref _lastRequestSequence);

    internal void Record(long sequence, RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add((sequence, request));
        }

        Interlocked.Increment(ref _answered);
    }

    private void Demo(
        string id,
        string name,
        string status,
        string gpuType,
        int gpuCount,
        double hourlyRate,
        double gpuUtilization,
        DateTimeOffset lastAccessed,
        DateTimeOffset createdAt,
        string projectId,
        string region)
    {
        var cluster = AddCluster(id, name, status, gpuType, hourlyRate, gpuUtilization, lastAccessed, createdAt);
        cluster.GpuCount = gpuCount;
        cluster.ProjectId = projectId;
        cluster.Region = region;
        cluster.TeamMembers = projectId == "proj_serving" ? ["user_ops_1", "user_ops_2"] : ["user_123", "user_456"];
    }
}
