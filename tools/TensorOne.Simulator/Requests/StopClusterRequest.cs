using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Requests;

/// <summary>
/// Body of <c>POST /clusters/{id}/stop</c>. Every field is optional; a JSON null counts as omitted.
/// </summary>
internal sealed class StopClusterRequest
{
    [JsonPropertyName("force")]
    public bool? Force { get; init; }

    [JsonPropertyName("grace_period_minutes")]
    public int? GracePeriodMinutes { get; init; }

    [JsonPropertyName("save_state")]
    public bool? SaveState { get; init; }

    [JsonPropertyName("snapshot_name")]
    public string? SnapshotName { get; init; }

    [JsonPropertyName("preserve_data")]
    public bool? PreserveData { get; init; }

    [JsonPropertyName("wait_for_completion")]
    public bool? WaitForCompletion { get; init; }

    [JsonPropertyName("timeout_minutes")]
    public int? TimeoutMinutes { get; init; }

    [JsonPropertyName("stop_reason")]
    public string? StopReason { get; init; }

    [JsonPropertyName("notify_users")]
    public List<string>? NotifyUsers { get; init; }

    public bool IsImmediate => Force ?? false;

    /// <summary>Naming a snapshot is asking for one.</summary>
    public bool CreatesSnapshot => (SaveState ?? false) || SnapshotName is not null;

    /// <summary>An immediate stop has no grace period, whatever was asked.</summary>
    public int EffectiveGracePeriodMinutes => IsImmediate ? 0 : GracePeriodMinutes ?? 5;

    public bool PreservesData => PreserveData ?? true;

    public ValidationFailure? Validate()
    {
        if (GracePeriodMinutes is < 0 or > 30)
        {
            return new ValidationFailure("grace_period_minutes", "must be an integer between 0 and 30");
        }

        if (TimeoutMinutes is < 1 or > 60)
        {
            return new ValidationFailure("timeout_minutes", "must be an integer between 1 and 60");
        }

        if (SnapshotName is not null && string.IsNullOrWhiteSpace(SnapshotName))
        {
            return new ValidationFailure("snapshot_name", "must not be empty");
        }

        return null;
    }
}
