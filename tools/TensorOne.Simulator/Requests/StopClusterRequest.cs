using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Requests;

/// <summary>
/// Body of <c>POST /clusters/{id}/stop</c>.
/// </summary>
internal sealed class StopClusterRequest : OperationRequest
{
    [JsonPropertyName("save_state")]
    public bool? SaveState { get; init; }

    [JsonPropertyName("snapshot_name")]
    public string? SnapshotName { get; init; }

    [JsonPropertyName("preserve_data")]
    public bool? PreserveData { get; init; }

    [JsonPropertyName("wait_for_completion")]
    public bool? WaitForCompletion { get; init; }

    [JsonPropertyName("stop_reason")]
    public string? StopReason { get; init; }

    [JsonPropertyName("notify_users")]
    public List<string>? NotifyUsers { get; init; }

    /// <summary>Naming a snapshot is asking for one.</summary>
    public bool CreatesSnapshot => (SaveState ?? false) || SnapshotName is not null;

    public bool PreservesData => PreserveData ?? true;

    protected override ValidationFailure? ValidateOwnFields() => NotBlank(SnapshotName, "snapshot_name");
}
