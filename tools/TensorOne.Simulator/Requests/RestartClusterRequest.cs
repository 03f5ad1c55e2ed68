using System.Text.Json;
using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Requests;

/// <summary>
/// Body of <c>POST /clusters/{id}/restart</c>. The update objects are kept as JSON because the reference does not define their contents.
/// </summary>
internal sealed class RestartClusterRequest : OperationRequest
{
    [JsonPropertyName("wait_for_ready")]
    public bool? WaitForReady { get; init; }

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

    /// <summary>Anything that makes the restart go through <c>updating_configuration</c>.</summary>
    public bool AppliesUpdates =>
        UpdateConfiguration is not null
        || EnvironmentUpdates is not null
        || PortMappingUpdates is not null
        || UpdateDockerImage is not null
        || RestoreFromSnapshot is not null
        || (ApplySystemUpdates ?? false);

    protected override ValidationFailure? ValidateOwnFields() =>
        NotBlank(UpdateDockerImage, "update_docker_image") ?? NotBlank(RestoreFromSnapshot, "restore_from_snapshot");
}
