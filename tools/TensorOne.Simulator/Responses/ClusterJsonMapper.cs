using TensorOne.Simulator.Operations;

namespace TensorOne.Simulator.Responses;

/// <summary>Writes a <see cref="ClusterView"/> in either shape.</summary>
internal static class ClusterJsonMapper
{
    public static ClusterJson ToEnvelope(ClusterView view, bool includeMetrics, bool includeCostBreakdown)
    {
        var operation = view.Operation;
        var progress = view.Progress is { } p ? OperationProgressJson.From(p) : null;
        var stopping = operation?.Kind == OperationKind.Stop;
        var restarting = operation?.Kind == OperationKind.Restart;
        return new ClusterJson
        {
            Id = view.Id,
            Name = view.Name,
            Status = view.Status,
            GpuType = view.GpuType,
            GpuCount = view.GpuCount,
            Region = view.Region,
            DockerImage = view.DockerImage,
            CreatedAt = WireTime.From(view.CreatedAt),
            LastAccessed = WireTime.From(view.LastAccessed),
            UptimeSeconds = (long)view.Uptime.TotalSeconds,
            StartedAt = view.RunningSince is { } since ? WireTime.From(since) : null,
            Cost = new ClusterCostJson(view.HourlyRate, "USD"),
            Metrics = includeMetrics ? new ClusterMetricsJson(new CurrentMetricsJson(Math.Round(view.GpuUtilization, 1), Math.Round(view.MemoryUtilization, 1))) : null,
            CostBreakdown = includeCostBreakdown ? CostBreakdown(view) : null,
            ProjectInfo = new ProjectInfoJson(view.ProjectId, view.TeamMembers),
            StopProgress = stopping ? progress : null,
            EstimatedStopTime = stopping ? WireTime.From(operation!.CompletesAt) : null,
            RestartProgress = restarting ? progress : null,
            EstimatedReadyTime = restarting ? WireTime.From(operation!.CompletesAt) : null,
            SnapshotId = view.SnapshotId,
        };
    }

    public static BareClusterJson ToBare(ClusterView view) =>
        new(
            view.Id,
            view.Name,
            view.Status,
            view.GpuType,
            view.ContainerDiskSizeGb,
            view.VolumeSizeGb,
            WireTime.From(view.CreatedAt),
            WireTime.From(view.LastAccessed));

    public static double SessionCost(ClusterView view) => Math.Round(view.HourlyRate * view.Uptime.TotalHours, 2);

    private static CostBreakdownJson CostBreakdown(ClusterView view) =>
        new(
            Math.Round(view.HourlyRate * 0.90, 4),
            Math.Round(view.HourlyRate * 0.07, 4),
            Math.Round(view.HourlyRate * 0.03, 4),
            SessionCost(view),
            "USD");
}
