using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

/// <summary>The <c>data</c> of a stop answer, field for field from the reference's response schema.</summary>
internal sealed class StopResultJson
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

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
