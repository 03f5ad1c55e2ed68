using System.Text.Json.Serialization;
using TensorOne.Simulator.Operations;

namespace TensorOne.Simulator.Responses;

/// <summary>The <c>data</c> of a stop answer, field for field from the reference's response schema.</summary>
internal sealed class StopResultJson : ClusterIdentityJson
{
    [JsonPropertyName("stop_initiated_at")]
    public required DateTime StopInitiatedAt { get; init; }

    [JsonPropertyName("estimated_stop_time")]
    public required DateTime EstimatedStopTime { get; init; }

    [JsonPropertyName("stop_type")]
    public required string StopType { get; init; }

    [JsonPropertyName("grace_period_minutes")]
    public required int GracePeriodMinutes { get; init; }

    [JsonPropertyName("stop_progress")]
    public required OperationProgressJson StopProgress { get; init; }

    [JsonPropertyName("snapshot_creation")]
    public required SnapshotCreationJson SnapshotCreation { get; init; }

    [JsonPropertyName("cost_impact")]
    public required CostImpactJson CostImpact { get; init; }

    [JsonPropertyName("data_preservation")]
    public required DataPreservationJson DataPreservation { get; init; }
}

/// <summary>
/// The <c>data</c> of a restart answer. The reference gives no schema, so this mirrors the stop answer.
/// </summary>
internal sealed class RestartResultJson : ClusterIdentityJson
{
    [JsonPropertyName("restart_initiated_at")]
    public required DateTime RestartInitiatedAt { get; init; }

    [JsonPropertyName("estimated_ready_time")]
    public required DateTime EstimatedReadyTime { get; init; }

    [JsonPropertyName("restart_type")]
    public required string RestartType { get; init; }

    [JsonPropertyName("grace_period_minutes")]
    public required int GracePeriodMinutes { get; init; }

    [JsonPropertyName("restart_progress")]
    public required OperationProgressJson RestartProgress { get; init; }

    [JsonPropertyName("restored_from_snapshot")]
    public required string? RestoredFromSnapshot { get; init; }

    [JsonPropertyName("docker_image")]
    public required string DockerImage { get; init; }
}

/// <summary>The <c>stop_progress</c> / <c>restart_progress</c> object.</summary>
internal sealed record OperationProgressJson(
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("percentage")] int Percentage,
    [property: JsonPropertyName("current_step")] string CurrentStep,
    [property: JsonPropertyName("steps_completed")] int StepsCompleted,
    [property: JsonPropertyName("total_steps")] int TotalSteps)
{
    public static OperationProgressJson From(OperationProgress progress) =>
        new(progress.Phase, progress.Percentage, progress.CurrentStep, progress.StepsCompleted, progress.TotalSteps);
}

/// <summary>Written with explicit nulls, as in the reference example.</summary>
internal sealed record SnapshotCreationJson(
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("snapshot_id")] string? SnapshotId,
    [property: JsonPropertyName("snapshot_name")] string? SnapshotName);

internal sealed record CostImpactJson(
    [property: JsonPropertyName("hourly_rate_saved")] double HourlyRateSaved,
    [property: JsonPropertyName("session_cost_final")] double SessionCostFinal,
    [property: JsonPropertyName("billing_stopped_at")] DateTime BillingStoppedAt);

internal sealed record DataPreservationJson(
    [property: JsonPropertyName("volumes_preserved")] IReadOnlyList<string> VolumesPreserved,
    [property: JsonPropertyName("snapshots_created")] int SnapshotsCreated);
