using TensorOne.Simulator.Operations;

namespace TensorOne.Simulator;

/// <summary>
/// A consistent copy of one cluster at one instant, taken under its lock, so a response never mixes
/// two moments of the same cluster.
/// </summary>
internal sealed record ClusterView
{
    public required long Sequence { get; init; }

    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Status { get; init; }

    public required string GpuType { get; init; }

    public required int GpuCount { get; init; }

    /// <summary>When the cluster last came up; null unless it is running now.</summary>
    public DateTimeOffset? RunningSince { get; init; }

    public required string Region { get; init; }

    public required string ProjectId { get; init; }

    public required IReadOnlyList<string> TeamMembers { get; init; }

    public required double HourlyRate { get; init; }

    public required double GpuUtilization { get; init; }

    public required double MemoryUtilization { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset LastAccessed { get; init; }

    /// <summary>Zero unless running.</summary>
    public required TimeSpan Uptime { get; init; }

    public required int ContainerDiskSizeGb { get; init; }

    public required int VolumeSizeGb { get; init; }

    public required string DockerImage { get; init; }

    public required string? SnapshotId { get; init; }

    /// <summary>The operation in flight, if any.</summary>
    public required ClusterOperation? Operation { get; init; }

    /// <summary>Progress of <see cref="Operation"/> at the instant of the view.</summary>
    public required OperationProgress? Progress { get; init; }

    public bool IsRunning => Status == ClusterStatus.Running;
}
