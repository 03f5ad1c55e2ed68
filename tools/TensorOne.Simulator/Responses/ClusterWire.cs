using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

/// <summary>A cluster in the envelope shape (snake_case). Optional parts are left out, not written as null.</summary>
internal sealed class ClusterJson : ClusterIdentityJson
{
    [JsonPropertyName("gpu_type")]
    public required string GpuType { get; init; }

    [JsonPropertyName("gpu_count")]
    public required int GpuCount { get; init; }

    [JsonPropertyName("region")]
    public required string Region { get; init; }

    [JsonPropertyName("docker_image")]
    public required string DockerImage { get; init; }

    [JsonPropertyName("created_at")]
    public required DateTime CreatedAt { get; init; }

    [JsonPropertyName("last_accessed")]
    public required DateTime LastAccessed { get; init; }

    [JsonPropertyName("uptime_seconds")]
    public required long UptimeSeconds { get; init; }

    /// <summary>When a running cluster last came up: what tells a client that a short restart happened after it asked.</summary>
    [JsonPropertyName("started_at")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? StartedAt { get; init; }

    [JsonPropertyName("cost")]
    public required ClusterCostJson Cost { get; init; }

    [JsonPropertyName("metrics")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ClusterMetricsJson? Metrics { get; init; }

    [JsonPropertyName("cost_breakdown")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CostBreakdownJson? CostBreakdown { get; init; }

    [JsonPropertyName("project_info")]
    public required ProjectInfoJson ProjectInfo { get; init; }

    [JsonPropertyName("stop_progress")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OperationProgressJson? StopProgress { get; init; }

    [JsonPropertyName("estimated_stop_time")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? EstimatedStopTime { get; init; }

    [JsonPropertyName("restart_progress")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OperationProgressJson? RestartProgress { get; init; }

    [JsonPropertyName("estimated_ready_time")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? EstimatedReadyTime { get; init; }

    [JsonPropertyName("snapshot_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SnapshotId { get; init; }
}

internal sealed record ClusterCostJson(
    [property: JsonPropertyName("hourly_rate")] double HourlyRate,
    [property: JsonPropertyName("currency")] string Currency);

/// <summary><c>metrics</c>; the examples read <c>metrics.current.gpu_utilization</c>.</summary>
internal sealed record ClusterMetricsJson(
    [property: JsonPropertyName("current")] CurrentMetricsJson Current);

internal sealed record CurrentMetricsJson(
    [property: JsonPropertyName("gpu_utilization")] double GpuUtilization,
    [property: JsonPropertyName("memory_utilization")] double MemoryUtilization);

/// <summary>The reference names <c>include_cost_breakdown</c> but not its contents; this split is invented.</summary>
internal sealed record CostBreakdownJson(
    [property: JsonPropertyName("compute_per_hour")] double ComputePerHour,
    [property: JsonPropertyName("storage_per_hour")] double StoragePerHour,
    [property: JsonPropertyName("network_per_hour")] double NetworkPerHour,
    [property: JsonPropertyName("session_cost")] double SessionCost,
    [property: JsonPropertyName("currency")] string Currency);

internal sealed record ProjectInfoJson(
    [property: JsonPropertyName("project_id")] string ProjectId,
    [property: JsonPropertyName("team_members")] IReadOnlyList<string> TeamMembers);

/// <summary>A cluster in the bare shape: the camelCase object of the generated reference, nothing more.</summary>
internal sealed record BareClusterJson(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("gpuType")] string GpuType,
    [property: JsonPropertyName("containerDiskSize")] int ContainerDiskSize,
    [property: JsonPropertyName("volumeSize")] int VolumeSize,
    [property: JsonPropertyName("createdAt")] DateTime CreatedAt,
    [property: JsonPropertyName("lastAccessed")] DateTime LastAccessed);

internal sealed record ClusterListJson(
    [property: JsonPropertyName("clusters")] IReadOnlyList<ClusterJson> Clusters,
    [property: JsonPropertyName("pagination")] PaginationJson Pagination);

internal sealed record PaginationJson(
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("total_pages")] int TotalPages,
    [property: JsonPropertyName("has_next")] bool HasNext,
    [property: JsonPropertyName("has_prev")] bool HasPrev);

/// <summary>The list with its paging said beside it (<c>has_more</c>, <c>total</c>, <c>page</c>, <c>limit</c>), as another part of the documentation shows.</summary>
internal sealed record DataLevelClusterListJson(
    [property: JsonPropertyName("clusters")] IReadOnlyList<ClusterJson> Clusters,
    [property: JsonPropertyName("has_more")] bool HasMore,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("limit")] int Limit);
