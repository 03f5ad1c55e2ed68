namespace TensorOne.Client.Models;

/// <summary>A cluster as <c>GET /clusters</c> and <c>GET /clusters/{id}</c> return it, from either documented shape.</summary>
public sealed class ClusterInfo
{
    public string Id { get; init; } = "";

    public string? Name { get; init; }

    public string? Status { get; init; }

    public string? GpuType { get; init; }

    public int? GpuCount { get; init; }

    public string? Region { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? LastAccessed { get; init; }

    public long? UptimeSeconds { get; init; }

    public decimal? HourlyRate { get; init; }

    public double? GpuUtilization { get; init; }

    public int? ContainerDiskSize { get; init; }

    public int? VolumeSize { get; init; }

    public string? ProjectId { get; init; }

    public IReadOnlyList<string> TeamMembers { get; init; } = Array.Empty<string>();

    /// <summary>The operation in flight, when the API reports one.</summary>
    public OperationProgress? Progress { get; init; }

    /// <summary><c>estimated_stop_time</c> or <c>estimated_ready_time</c> while an operation runs.</summary>
    public DateTimeOffset? EstimatedCompletionAt { get; init; }

    public string? SnapshotId { get; init; }

    /// <summary>The API's request id of the read that produced this object.</summary>
    public string? RequestId { get; init; }
}
