namespace TensorOne.Client.Requests;

/// <summary>Every field of the restart reference page; null fields are left out of the body.</summary>
public sealed class RestartClusterRequest
{
    public bool? Force { get; set; }

    public int? GracePeriodMinutes { get; set; }

    /// <summary>API <c>wait_for_ready</c>: a server-side wait; the module polls instead.</summary>
    public bool? WaitForReady { get; set; }

    public int? TimeoutMinutes { get; set; }

    public bool? PreserveState { get; set; }

    /// <summary>API <c>update_configuration</c>. Values: strings, numbers, booleans, null, nested dictionaries and lists.</summary>
    public IDictionary<string, object?>? UpdateConfiguration { get; set; }

    /// <summary>API <c>environment_updates</c>.</summary>
    public IDictionary<string, string?>? EnvironmentUpdates { get; set; }

    /// <summary>API <c>port_mapping_updates</c>: one dictionary per mapping.</summary>
    public IReadOnlyList<IDictionary<string, object?>>? PortMappingUpdates { get; set; }

    public string? RestartReason { get; set; }

    public string? RestoreFromSnapshot { get; set; }

    /// <summary>API <c>update_docker_image</c>.</summary>
    public string? UpdateDockerImage { get; set; }

    public bool? ApplySystemUpdates { get; set; }

    public void Validate()
    {
        RequestRanges.CheckGracePeriod(GracePeriodMinutes);
        RequestRanges.CheckTimeout(TimeoutMinutes);
        if (EnvironmentUpdates is not null && EnvironmentUpdates.Keys.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("EnvironmentUpdates contains an empty variable name.", nameof(EnvironmentUpdates));
        }
    }
}
