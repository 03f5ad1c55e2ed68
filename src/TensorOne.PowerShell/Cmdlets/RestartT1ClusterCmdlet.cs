using System.Collections;
using System.Management.Automation;
using TensorOne.Client.Models;
using TensorOne.Client.Requests;
using TensorOne.PowerShell.Errors;
using TensorOne.PowerShell.Input;

namespace TensorOne.PowerShell.Cmdlets;

/// <summary>Restart-T1Cluster: POST {base}/clusters/{id}/restart for each cluster given or piped.</summary>
[Cmdlet(VerbsLifecycle.Restart, "T1Cluster", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(T1ClusterOperation))]
public sealed class RestartT1ClusterCmdlet : ClusterOperationCmdlet
{
    // Per cluster, as each piped object bound it: the result says what was asked where the answer does not.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RestartClusterRequest> _asked = new(StringComparer.Ordinal);

    /// <summary>Keep running processes and state across the restart (API <c>preserve_state</c>).</summary>
    [Parameter]
    public SwitchParameter PreserveState { get; set; }

    /// <summary>API <c>update_configuration</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public Hashtable? Configuration { get; set; }

    /// <summary>API <c>environment_updates</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public Hashtable? Environment { get; set; }

    /// <summary>API <c>port_mapping_updates</c>: one hashtable per mapping.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public Hashtable[]? PortMapping { get; set; }

    /// <summary>
    /// API <c>restore_from_snapshot</c>. Binds from a stop result's SnapshotId; an empty value (a stop
    /// without a snapshot) means no restore.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("SnapshotId")]
    [AllowNull]
    [AllowEmptyString]
    public string? RestoreFromSnapshot { get; set; }

    /// <summary>API <c>update_docker_image</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DockerImage { get; set; }

    [Parameter]
    public SwitchParameter ApplySystemUpdates { get; set; }

    internal override ClusterOperationKind Kind => ClusterOperationKind.Restart;

    internal override void ValidateParameters()
    {
        if (PortMapping is not null && PortMapping.Any(m => m.Count == 0))
        {
            ThrowTerminatingError(ErrorRecords.InvalidArgument(
                "TensorOne.EmptyPortMapping",
                "-PortMapping holds an empty hashtable; give each mapping its fields (e.g. @{ container_port = 8080; host_port = 80 }), or leave -PortMapping out.",
                null));
        }
    }

    internal override string DescribeAction()
    {
        var parts = DescribeShutdown("Restart");

        if (PreserveState)
        {
            parts.Add("state preserved");
        }

        if (!string.IsNullOrEmpty(RestoreFromSnapshot))
        {
            parts.Add($"restoring snapshot '{RestoreFromSnapshot}'");
        }

        if (DockerImage is not null)
        {
            parts.Add($"image '{DockerImage}'");
        }

        if (Configuration is not null || Environment is not null || PortMapping is not null)
        {
            parts.Add("configuration updates");
        }

        if (ApplySystemUpdates)
        {
            parts.Add("system updates applied");
        }

        return string.Join(", ", parts);
    }

    internal override Func<CancellationToken, Task<ClusterOperationResult>> PrepareRequest(string clusterId)
    {
        var request = SharedRequestFields.Fill(this, new RestartClusterRequest
        {
            PreserveState = IsBound(nameof(PreserveState)) ? PreserveState.IsPresent : null,
            UpdateConfiguration = PowerShellValues.ToDictionary(Configuration),
            EnvironmentUpdates = PowerShellValues.ToStringDictionary(Environment),
            PortMappingUpdates = PortMapping?.Select(m => PowerShellValues.ToDictionary(m)!).ToList(),
            RestartReason = Reason ?? AuditReason.For(this),
            RestoreFromSnapshot = string.IsNullOrEmpty(RestoreFromSnapshot) ? null : RestoreFromSnapshot,
            UpdateDockerImage = DockerImage,
            ApplySystemUpdates = IsBound(nameof(ApplySystemUpdates)) ? ApplySystemUpdates.IsPresent : null,
        }, clusterId);
        _asked[clusterId] = request;
        var client = Client;
        return cancellationToken => client.RestartClusterAsync(clusterId, request, cancellationToken);
    }

    internal override T1ClusterOperation WithWhatWasAsked(T1ClusterOperation result)
    {
        if (_asked.TryGetValue(result.Id, out var request))
        {
            result.RestoredFromSnapshot ??= request.RestoreFromSnapshot;
            result.DockerImage ??= request.UpdateDockerImage;
        }

        return result;
    }
}
