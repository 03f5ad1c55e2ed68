namespace TensorOne.Client.Models;

/// <summary>What a stop or restart request returned, from either documented response shape.</summary>
public sealed class ClusterOperationResult
{
    public ClusterOperationKind Operation { get; init; }

    public string Id { get; init; } = "";

    public string? Name { get; init; }

    public string? Status { get; init; }

    public string? GpuType { get; init; }

    /// <summary><c>graceful</c> or <c>immediate</c> (stop_type / restart_type).</summary>
    public string? Mode { get; init; }

    public int? GracePeriodMinutes { get; init; }

    public DateTimeOffset? InitiatedAt { get; init; }

    public DateTimeOffset? EstimatedCompletionAt { get; init; }

    public OperationProgress? Progress { get; init; }

    public string? SnapshotId { get; init; }

    public string? SnapshotName { get; init; }

    public decimal? HourlyRateSaved { get; init; }

    public decimal? SessionCostFinal { get; init; }

    public DateTimeOffset? BillingStoppedAt { get; init; }

    public IReadOnlyList<string> VolumesPreserved { get; init; } = Array.Empty<string>();

    public string? RestoredFromSnapshot { get; init; }

    public string? DockerImage { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public string? RequestId { get; init; }

    /// <summary>True when the operation was already under way (our own earlier attempt) rather than started by this call.</summary>
    public bool AlreadyInProgress { get; init; }
}
