using TensorOne.Client.Models;

namespace TensorOne.PowerShell;

/// <summary>A cluster as Get-T1Cluster returns it: a snapshot taken when it was read.</summary>
public sealed class T1Cluster
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    public string? Status { get; set; }

    public string? GpuType { get; set; }

    public int? GpuCount { get; set; }

    public string? Region { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? LastAccessed { get; set; }

    /// <summary>How long since the cluster was last used, as of <see cref="RetrievedAt"/>. Null when the API does not say.</summary>
    public TimeSpan? IdleTime { get; set; }

    public TimeSpan? Uptime { get; set; }

    public decimal? HourlyRate { get; set; }

    public double? GpuUtilization { get; set; }

    public string? ProjectId { get; set; }

    public string[] TeamMembers { get; set; } = Array.Empty<string>();

    /// <summary>The phase of an operation under way, if any.</summary>
    public string? Phase { get; set; }

    public int? PercentComplete { get; set; }

    /// <summary>
    /// The cluster's latest snapshot, if the API reports one. Not named SnapshotId on purpose: piping
    /// clusters into Restart-T1Cluster must not restore them from a snapshot nobody asked for.
    /// </summary>
    public string? LastSnapshotId { get; set; }

    public int? ContainerDiskSize { get; set; }

    public int? VolumeSize { get; set; }

    public DateTimeOffset RetrievedAt { get; set; }

    public string? RequestId { get; set; }

    public override string ToString() => Id;

    internal static T1Cluster From(ClusterInfo cluster, DateTimeOffset now)
    {
        var idle = cluster.LastAccessed is { } last ? now - last : (TimeSpan?)null;
        return new T1Cluster
        {
            Id = cluster.Id,
            Name = cluster.Name,
            Status = cluster.Status,
            GpuType = cluster.GpuType,
            GpuCount = cluster.GpuCount,
            Region = cluster.Region,
            CreatedAt = cluster.CreatedAt,
            LastAccessed = cluster.LastAccessed,
            IdleTime = idle is { } i && i < TimeSpan.Zero ? TimeSpan.Zero : idle,
            Uptime = cluster.UptimeSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
            HourlyRate = cluster.HourlyRate,
            GpuUtilization = cluster.GpuUtilization,
            ProjectId = cluster.ProjectId,
            TeamMembers = cluster.TeamMembers.ToArray(),
            Phase = cluster.Progress?.Phase,
            PercentComplete = cluster.Progress?.Percentage,
            LastSnapshotId = cluster.SnapshotId,
            ContainerDiskSize = cluster.ContainerDiskSize,
            VolumeSize = cluster.VolumeSize,
            RetrievedAt = now,
            RequestId = cluster.RequestId,
        };
    }
}
