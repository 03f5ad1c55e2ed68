namespace TensorOne.Client.Requests;

/// <summary>Every field of the restart reference page (the shared ones in <see cref="ClusterOperationRequest"/>).</summary>
public sealed class RestartClusterRequest : ClusterOperationRequest
{
    /// <summary>API <c>wait_for_ready</c>: a server-side wait; the module polls instead.</summary>
    public bool? WaitForReady { get; set; }

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

    private protected override void ValidateOperationFields()
    {
        // An empty update is a request to change nothing that still restarts the cluster: say so rather than send it.
        if (UpdateConfiguration is { Count: 0 })
        {
            throw new ArgumentException("UpdateConfiguration is empty; leave it out to keep the configuration.", nameof(UpdateConfiguration));
        }

        if (EnvironmentUpdates is { Count: 0 })
        {
            throw new ArgumentException("EnvironmentUpdates is empty; leave it out to keep the environment.", nameof(EnvironmentUpdates));
        }

        if (PortMappingUpdates is not null && (PortMappingUpdates.Count == 0 || PortMappingUpdates.Any(m => m is null || m.Count == 0)))
        {
            throw new ArgumentException("PortMappingUpdates is empty or holds an empty mapping; leave it out to keep the port mappings.", nameof(PortMappingUpdates));
        }

        if (EnvironmentUpdates is not null && EnvironmentUpdates.Keys.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("EnvironmentUpdates contains an empty variable name.", nameof(EnvironmentUpdates));
        }
    }
}
