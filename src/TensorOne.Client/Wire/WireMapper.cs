using TensorOne.Client.Models;
using TensorOne.Client.Requests;

namespace TensorOne.Client.Wire;

/// <summary>Between the public models and the wire shapes, in both directions.</summary>
internal static class WireMapper
{
    public static StopRequestWire ToWire(StopClusterRequest request) => new()
    {
        Force = request.Force,
        GracePeriodMinutes = request.GracePeriodMinutes,
        SaveState = request.SaveState,
        SnapshotName = request.SnapshotName,
        PreserveData = request.PreserveData,
        WaitForCompletion = request.WaitForCompletion,
        TimeoutMinutes = request.TimeoutMinutes,
        StopReason = request.StopReason,
        NotifyUsers = request.NotifyUsers?.ToList(),
    };

    public static RestartRequestWire ToWire(RestartClusterRequest request) => new()
    {
        Force = request.Force,
        GracePeriodMinutes = request.GracePeriodMinutes,
        WaitForReady = request.WaitForReady,
        TimeoutMinutes = request.TimeoutMinutes,
        PreserveState = request.PreserveState,
        UpdateConfiguration = request.UpdateConfiguration is null ? null : JsonTree.FromDictionary(request.UpdateConfiguration, "UpdateConfiguration"),
        EnvironmentUpdates = request.EnvironmentUpdates is null ? null : new Dictionary<string, string?>(request.EnvironmentUpdates),
        PortMappingUpdates = request.PortMappingUpdates is null ? null : JsonTree.FromList(request.PortMappingUpdates, "PortMappingUpdates"),
        RestartReason = request.RestartReason,
        RestoreFromSnapshot = request.RestoreFromSnapshot,
        UpdateDockerImage = request.UpdateDockerImage,
        ApplySystemUpdates = request.ApplySystemUpdates,
    };

    public static ClusterInfo ToCluster(ClusterWire wire) => new()
    {
        Id = wire.Id ?? "",
        Name = wire.Name,
        Status = wire.Status,
        GpuType = wire.GpuType ?? wire.GpuTypeCamel,
        GpuCount = wire.GpuCount,
        Region = wire.Region,
        CreatedAt = wire.CreatedAt ?? wire.CreatedAtCamel,
        LastAccessed = wire.LastAccessed ?? wire.LastAccessedCamel,
        UptimeSeconds = wire.UptimeSeconds,
        HourlyRate = wire.Cost?.HourlyRate ?? wire.Cost?.HourlyRateCamel,
        GpuUtilization = wire.Metrics?.Current?.GpuUtilization ?? wire.Metrics?.Current?.GpuUtilizationCamel,
        ContainerDiskSize = wire.ContainerDiskSize,
        VolumeSize = wire.VolumeSize,
        ProjectId = wire.ProjectInfo?.ProjectId,
        TeamMembers = Clean(wire.ProjectInfo?.TeamMembers),
        Progress = ToProgress(wire.StopProgress ?? wire.RestartProgress ?? wire.Progress),
        EstimatedCompletionAt = wire.EstimatedStopTime ?? wire.EstimatedReadyTime,
        SnapshotId = wire.SnapshotId ?? wire.SnapshotCreation?.SnapshotId,
        RequestId = wire.RequestId,
    };

    public static ClusterOperationResult ToOperation(ClusterOperationKind kind, ClusterWire wire, bool alreadyInProgress = false) => new()
    {
        Operation = kind,
        Id = wire.Id ?? "",
        Name = wire.Name,
        Status = wire.Status,
        GpuType = wire.GpuType ?? wire.GpuTypeCamel,
        Mode = kind == ClusterOperationKind.Stop ? wire.StopType : wire.RestartType,
        GracePeriodMinutes = wire.GracePeriodMinutes,
        InitiatedAt = kind == ClusterOperationKind.Stop ? wire.StopInitiatedAt : wire.RestartInitiatedAt,
        EstimatedCompletionAt = kind == ClusterOperationKind.Stop
            ? wire.EstimatedStopTime ?? wire.EstimatedReadyTime
            : wire.EstimatedReadyTime ?? wire.EstimatedStopTime,
        Progress = ToProgress(kind == ClusterOperationKind.Stop
            ? wire.StopProgress ?? wire.Progress ?? wire.RestartProgress
            : wire.RestartProgress ?? wire.Progress ?? wire.StopProgress),
        SnapshotId = wire.SnapshotCreation?.SnapshotId ?? wire.SnapshotId,
        SnapshotName = wire.SnapshotCreation?.SnapshotName,
        HourlyRateSaved = wire.CostImpact?.HourlyRateSaved,
        SessionCostFinal = wire.CostImpact?.SessionCostFinal,
        BillingStoppedAt = wire.CostImpact?.BillingStoppedAt,
        VolumesPreserved = Clean(wire.DataPreservation?.VolumesPreserved),
        RestoredFromSnapshot = wire.RestoredFromSnapshot,
        DockerImage = wire.DockerImage,
        CreatedAt = wire.CreatedAt ?? wire.CreatedAtCamel,
        RequestId = wire.RequestId,
        AlreadyInProgress = alreadyInProgress,
    };

    /// <summary>An operation result built from a read of the cluster, used when the POST's own answer was lost.</summary>
    public static ClusterOperationResult ToOperation(ClusterOperationKind kind, ClusterInfo cluster) => new()
    {
        Operation = kind,
        Id = cluster.Id,
        Name = cluster.Name,
        Status = cluster.Status,
        GpuType = cluster.GpuType,
        EstimatedCompletionAt = cluster.EstimatedCompletionAt,
        Progress = cluster.Progress,
        SnapshotId = cluster.SnapshotId,
        CreatedAt = cluster.CreatedAt,
        RequestId = cluster.RequestId,
        AlreadyInProgress = true,
    };

    private static OperationProgress? ToProgress(ProgressWire? wire) => wire is null
        ? null
        : new OperationProgress
        {
            Phase = wire.Phase,
            Percentage = wire.Percentage is { } p ? (int)Math.Round(Math.Max(0, Math.Min(100, p))) : null,
            CurrentStep = wire.CurrentStep ?? wire.CurrentStepCamel,
            StepsCompleted = wire.StepsCompleted,
            TotalSteps = wire.TotalSteps,
        };

    private static IReadOnlyList<string> Clean(List<string?>? values) =>
        values is null ? Array.Empty<string>() : values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToArray();
}
