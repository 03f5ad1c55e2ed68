using System.Text.Json;
using System.Text.Json.Serialization;

namespace TensorOne.Client.Wire;

// Wire shapes of the API. They are internal so the public models stay free of JSON concerns, and they
// list both spellings where the documentation disagrees with itself (snake_case envelope, camelCase bare).

internal sealed class ProgressWire
{
    [JsonPropertyName("phase")] public string? Phase { get; set; }
    [JsonPropertyName("percentage")] public double? Percentage { get; set; }
    [JsonPropertyName("current_step")] public string? CurrentStep { get; set; }
    [JsonPropertyName("currentStep")] public string? CurrentStepCamel { get; set; }
    [JsonPropertyName("steps_completed")] public int? StepsCompleted { get; set; }
    [JsonPropertyName("total_steps")] public int? TotalSteps { get; set; }
}

internal sealed class CostWire
{
    [JsonPropertyName("hourly_rate")] public decimal? HourlyRate { get; set; }
    [JsonPropertyName("hourlyRate")] public decimal? HourlyRateCamel { get; set; }
}

internal sealed class CurrentMetricsWire
{
    [JsonPropertyName("gpu_utilization")] public double? GpuUtilization { get; set; }
    [JsonPropertyName("gpuUtilization")] public double? GpuUtilizationCamel { get; set; }
}

internal sealed class MetricsWire
{
    [JsonPropertyName("current")] public CurrentMetricsWire? Current { get; set; }
}

internal sealed class ProjectInfoWire
{
    [JsonPropertyName("project_id")] public string? ProjectId { get; set; }
    [JsonPropertyName("team_members")] public List<string?>? TeamMembers { get; set; }
}

internal sealed class SnapshotCreationWire
{
    [JsonPropertyName("enabled")] public bool? Enabled { get; set; }
    [JsonPropertyName("snapshot_id")] public string? SnapshotId { get; set; }
    [JsonPropertyName("snapshot_name")] public string? SnapshotName { get; set; }
}

internal sealed class CostImpactWire
{
    [JsonPropertyName("hourly_rate_saved")] public decimal? HourlyRateSaved { get; set; }
    [JsonPropertyName("session_cost_final")] public decimal? SessionCostFinal { get; set; }
    [JsonPropertyName("billing_stopped_at")] public DateTimeOffset? BillingStoppedAt { get; set; }
}

internal sealed class DataPreservationWire
{
    [JsonPropertyName("volumes_preserved")] public List<string?>? VolumesPreserved { get; set; }
    [JsonPropertyName("snapshots_created")] public int? SnapshotsCreated { get; set; }
}

/// <summary>A cluster or an operation's data object, in either documented spelling.</summary>
internal sealed class ClusterWire
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("gpu_type")] public string? GpuType { get; set; }
    [JsonPropertyName("gpuType")] public string? GpuTypeCamel { get; set; }
    [JsonPropertyName("gpu_count")] public int? GpuCount { get; set; }
    [JsonPropertyName("region")] public string? Region { get; set; }
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; set; }
    [JsonPropertyName("createdAt")] public DateTimeOffset? CreatedAtCamel { get; set; }
    [JsonPropertyName("last_accessed")] public DateTimeOffset? LastAccessed { get; set; }
    [JsonPropertyName("lastAccessed")] public DateTimeOffset? LastAccessedCamel { get; set; }
    [JsonPropertyName("uptime_seconds")] public long? UptimeSeconds { get; set; }
    [JsonPropertyName("started_at")] public DateTimeOffset? StartedAt { get; set; }
    [JsonPropertyName("startedAt")] public DateTimeOffset? StartedAtCamel { get; set; }
    [JsonPropertyName("restartInitiatedAt")] public DateTimeOffset? RestartInitiatedAtCamel { get; set; }
    [JsonPropertyName("containerDiskSize")] public int? ContainerDiskSize { get; set; }
    [JsonPropertyName("volumeSize")] public int? VolumeSize { get; set; }
    [JsonPropertyName("cost")] public CostWire? Cost { get; set; }
    [JsonPropertyName("metrics")] public MetricsWire? Metrics { get; set; }
    [JsonPropertyName("project_info")] public ProjectInfoWire? ProjectInfo { get; set; }
    [JsonPropertyName("stop_progress")] public ProgressWire? StopProgress { get; set; }
    [JsonPropertyName("restart_progress")] public ProgressWire? RestartProgress { get; set; }
    [JsonPropertyName("progress")] public ProgressWire? Progress { get; set; }
    [JsonPropertyName("estimated_stop_time")] public DateTimeOffset? EstimatedStopTime { get; set; }
    [JsonPropertyName("estimated_ready_time")] public DateTimeOffset? EstimatedReadyTime { get; set; }
    [JsonPropertyName("snapshot_id")] public string? SnapshotId { get; set; }
    [JsonPropertyName("stop_initiated_at")] public DateTimeOffset? StopInitiatedAt { get; set; }
    [JsonPropertyName("restart_initiated_at")] public DateTimeOffset? RestartInitiatedAt { get; set; }
    [JsonPropertyName("stop_type")] public string? StopType { get; set; }
    [JsonPropertyName("restart_type")] public string? RestartType { get; set; }
    [JsonPropertyName("grace_period_minutes")] public int? GracePeriodMinutes { get; set; }
    [JsonPropertyName("snapshot_creation")] public SnapshotCreationWire? SnapshotCreation { get; set; }
    [JsonPropertyName("cost_impact")] public CostImpactWire? CostImpact { get; set; }
    [JsonPropertyName("data_preservation")] public DataPreservationWire? DataPreservation { get; set; }
    [JsonPropertyName("restored_from_snapshot")] public string? RestoredFromSnapshot { get; set; }
    [JsonPropertyName("docker_image")] public string? DockerImage { get; set; }

    /// <summary>The envelope's <c>meta.request_id</c> (or the X-Request-Id header), set by the parser.</summary>
    [JsonIgnore] public string? RequestId { get; set; }
}

internal sealed class PaginationWire
{
    [JsonPropertyName("page")] public int? Page { get; set; }
    [JsonPropertyName("limit")] public int? Limit { get; set; }
    [JsonPropertyName("total")] public int? Total { get; set; }
    [JsonPropertyName("total_pages")] public int? TotalPages { get; set; }
    [JsonPropertyName("has_next")] public bool? HasNext { get; set; }
    [JsonPropertyName("has_more")] public bool? HasMore { get; set; }
}

internal sealed class StopRequestWire
{
    [JsonPropertyName("force")] public bool? Force { get; set; }
    [JsonPropertyName("grace_period_minutes")] public int? GracePeriodMinutes { get; set; }
    [JsonPropertyName("save_state")] public bool? SaveState { get; set; }
    [JsonPropertyName("snapshot_name")] public string? SnapshotName { get; set; }
    [JsonPropertyName("preserve_data")] public bool? PreserveData { get; set; }
    [JsonPropertyName("wait_for_completion")] public bool? WaitForCompletion { get; set; }
    [JsonPropertyName("timeout_minutes")] public int? TimeoutMinutes { get; set; }
    [JsonPropertyName("stop_reason")] public string? StopReason { get; set; }
    [JsonPropertyName("notify_users")] public List<string>? NotifyUsers { get; set; }
}

internal sealed class RestartRequestWire
{
    [JsonPropertyName("force")] public bool? Force { get; set; }
    [JsonPropertyName("grace_period_minutes")] public int? GracePeriodMinutes { get; set; }
    [JsonPropertyName("wait_for_ready")] public bool? WaitForReady { get; set; }
    [JsonPropertyName("timeout_minutes")] public int? TimeoutMinutes { get; set; }
    [JsonPropertyName("preserve_state")] public bool? PreserveState { get; set; }
    [JsonPropertyName("update_configuration")] public System.Text.Json.Nodes.JsonObject? UpdateConfiguration { get; set; }
    [JsonPropertyName("environment_updates")] public Dictionary<string, string?>? EnvironmentUpdates { get; set; }
    [JsonPropertyName("port_mapping_updates")] public System.Text.Json.Nodes.JsonArray? PortMappingUpdates { get; set; }
    [JsonPropertyName("restart_reason")] public string? RestartReason { get; set; }
    [JsonPropertyName("restore_from_snapshot")] public string? RestoreFromSnapshot { get; set; }
    [JsonPropertyName("update_docker_image")] public string? UpdateDockerImage { get; set; }
    [JsonPropertyName("apply_system_updates")] public bool? ApplySystemUpdates { get; set; }
}

[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ClusterWire))]
[JsonSerializable(typeof(List<ClusterWire>))]
[JsonSerializable(typeof(PaginationWire))]
[JsonSerializable(typeof(StopRequestWire))]
[JsonSerializable(typeof(RestartRequestWire))]
internal sealed partial class TensorOneJsonContext : JsonSerializerContext
{
}
