using TensorOne.Client.Models;
using TensorOne.PowerShell.Progress;

namespace TensorOne.PowerShell;

/// <summary>The outcome of Stop-T1Cluster or Restart-T1Cluster for one cluster. With -Wait it carries the final state.</summary>
public sealed class T1ClusterOperation
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    /// <summary>Stop or Restart.</summary>
    public string Operation { get; set; } = "";

    public string? Status { get; set; }

    /// <summary>The API's phase identifier (e.g. <c>notifying_processes</c>), for scripts to compare.</summary>
    public string? Phase { get; set; }

    /// <summary>The phase as the progress pane and the default table show it (e.g. "Notifying processes").</summary>
    public string? PhaseName => Phase is null ? null : PhaseNames.Human(Phase);

    public string? CurrentStep { get; set; }

    public int? PercentComplete { get; set; }

    /// <summary>graceful or immediate.</summary>
    public string? Mode { get; set; }

    public int? GracePeriodMinutes { get; set; }

    public DateTimeOffset? InitiatedAt { get; set; }

    public DateTimeOffset? EstimatedCompletion { get; set; }

    /// <summary>True once the cluster reached the operation's end state (stopped, or running after a restart).</summary>
    public bool Completed { get; set; }

    /// <summary>The snapshot taken by a stop with -SaveState; pipes into Restart-T1Cluster -RestoreFromSnapshot.</summary>
    public string? SnapshotId { get; set; }

    public string? SnapshotName { get; set; }

    public decimal? HourlyRateSaved { get; set; }

    public decimal? SessionCost { get; set; }

    public DateTimeOffset? BillingStoppedAt { get; set; }

    public string[] VolumesPreserved { get; set; } = Array.Empty<string>();

    public string? RestoredFromSnapshot { get; set; }

    public string? DockerImage { get; set; }

    /// <summary>The API's request id: quote it to TensorOne support.</summary>
    public string? RequestId { get; set; }

    /// <summary>What else the result means, e.g. why HourlyRateSaved is empty (the cluster was already stopped).</summary>
    public string? Note { get; set; }

    public override string ToString() => Id;

    internal static T1ClusterOperation From(ClusterOperationResult result) => new()
    {
        Id = result.Id,
        Name = result.Name,
        Operation = result.Operation.ToString(),
        Status = result.Status,
        Phase = result.Progress?.Phase,
        CurrentStep = result.Progress?.CurrentStep,
        PercentComplete = result.Progress?.Percentage,
        Mode = result.Mode,
        GracePeriodMinutes = result.GracePeriodMinutes,
        InitiatedAt = result.InitiatedAt,
        EstimatedCompletion = result.EstimatedCompletionAt,
        Completed = IsEndState(result.Operation, result.Status),
        SnapshotId = result.SnapshotId,
        SnapshotName = result.SnapshotName,
        HourlyRateSaved = result.HourlyRateSaved,
        SessionCost = result.SessionCostFinal,
        BillingStoppedAt = result.BillingStoppedAt,
        VolumesPreserved = result.VolumesPreserved.ToArray(),
        RestoredFromSnapshot = result.RestoredFromSnapshot,
        DockerImage = result.DockerImage,
        RequestId = result.RequestId,
    };

    /// <summary>Folds a later read of the cluster (a wait's last poll) into this result.</summary>
    internal void Update(ClusterInfo cluster)
    {
        Name ??= cluster.Name;
        Status = cluster.Status;
        var ended = IsEndState(Operation, cluster.Status);
        Phase = cluster.Progress?.Phase ?? (ended ? EndPhase(Operation) : Phase);

        // At the end a step from the middle ("notifying processes") would read as the state it ended in.
        CurrentStep = cluster.Progress is { } progress ? progress.CurrentStep : ended ? null : CurrentStep;
        PercentComplete = cluster.Progress?.Percentage ?? (ended ? 100 : PercentComplete);
        EstimatedCompletion = cluster.EstimatedCompletionAt ?? EstimatedCompletion;
        SnapshotId ??= cluster.SnapshotId;
        Completed = ended;
    }

    /// <summary>A copy to fold a wait into, so the object a user piped in keeps what it said.</summary>
    internal T1ClusterOperation Clone() => (T1ClusterOperation)MemberwiseClone();

    internal static T1ClusterOperation FromCluster(ClusterOperationKind operation, ClusterInfo cluster)
    {
        var result = new T1ClusterOperation { Id = cluster.Id, Operation = operation.ToString(), RequestId = cluster.RequestId };
        result.Update(cluster);
        return result;
    }

    private static bool IsEndState(ClusterOperationKind operation, string? status) => IsEndState(operation.ToString(), status);

    private static bool IsEndState(string operation, string? status) =>
        string.Equals(status, operation == nameof(ClusterOperationKind.Stop) ? ClusterStatus.Stopped : ClusterStatus.Running, StringComparison.OrdinalIgnoreCase);

    private static string EndPhase(string operation) => operation == nameof(ClusterOperationKind.Stop) ? "completed" : "ready";
}
