using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

/// <summary>A cluster in the envelope shape (snake_case). Optional parts are left out, not written as null.</summary>
internal sealed class ClusterJson
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

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
