using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

/// <summary>
/// The <c>data</c> of a restart answer. The reference gives no schema, so this mirrors the stop answer.
/// </summary>
internal sealed class RestartResultJson
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

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
