using System.Text.Json;
using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Requests;

/// <summary>
/// Body of <c>POST /clusters/{id}/restart</c>. Every field is optional; a JSON null counts as omitted.
/// The update objects are kept as JSON because the reference does not define their contents.
/// </summary>
internal sealed class RestartClusterRequest
{
    [JsonPropertyName("force")]
    public bool? Force { get; init; }

    [JsonPropertyName("grace_period_minutes")]
    public int? GracePeriodMinutes { get; init; }

    [JsonPropertyName("wait_for_ready")]
    public bool? WaitForReady { get; init; }

    [JsonPropertyName("timeout_minutes")]
    public int? TimeoutMinutes { get; init; }

    [JsonPropertyName("preserve_state")]
    public bool? PreserveState { get; init; }

    [JsonPropertyName("update_configuration")]
    public Dictionary<string, JsonElement>? UpdateConfiguration { get; init; }

    [JsonPropertyName("environment_updates")]
    public Dictionary<string, JsonElement>? EnvironmentUpdates { get; init; }

    [JsonPropertyName("port_mapping_updates")]
    public List<JsonElement>? PortMappingUpdates { get; init; }

    [JsonPropertyName("restart_reason")]
    public string? RestartReason { get; init; }

    [JsonPropertyName("restore_from_snapshot")]
    public string? RestoreFromSnapshot { get; init; }

    [JsonPropertyName("update_docker_image")]
    public string? UpdateDockerImage { get; init; }

    [JsonPropertyName("apply_system_updates")]
    public bool? ApplySystemUpdates { get; init; }

    public bool IsImmediate => Force ?? false;

    public int EffectiveGracePeriodMinutes => IsImmediate ? 0 : GracePeriodMinutes ?? 5;

    /// <summary>Anything that makes the restart go through <c>updating_configuration</c>.</summary>
    public bool AppliesUpdates =>
        UpdateConfiguration is not null
        || EnvironmentUpdates is not null
        || PortMappingUpdates is not null
        || UpdateDockerImage is not null
        || RestoreFromSnapshot is not null
        || (ApplySystemUpdates ?? false);

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

        if (UpdateDockerImage is not null && string.IsNullOrWhiteSpace(UpdateDockerImage))
        {
            return new ValidationFailure("update_docker_image", "must not be empty");
        }

        if (RestoreFromSnapshot is not null && string.IsNullOrWhiteSpace(RestoreFromSnapshot))
        {
            return new ValidationFailure("restore_from_snapshot", "must not be empty");
        }

        return null;
    }
}
