using System.Management.Automation;
using TensorOne.Client;
using TensorOne.Client.Models;
using TensorOne.Client.Requests;
using TensorOne.PowerShell.Errors;
using TensorOne.PowerShell.Input;
using TensorOne.PowerShell.Progress;

namespace TensorOne.PowerShell.Cmdlets;

/// <summary>Stop-T1Cluster: POST {base}/clusters/{id}/stop for each cluster given or piped.</summary>
[Cmdlet(VerbsLifecycle.Stop, "T1Cluster", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(T1ClusterOperation))]
public sealed class StopT1ClusterCmdlet : ClusterOperationCmdlet
{
    /// <summary>Take a snapshot before stopping (API <c>save_state</c>).</summary>
    [Parameter]
    public SwitchParameter SaveState { get; set; }

    /// <summary>Names the snapshot; implies -SaveState.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SnapshotName { get; set; }

    /// <summary>API <c>preserve_data: false</c>. Destroys the data volumes, so it needs -Force.</summary>
    [Parameter]
    public SwitchParameter DiscardData { get; set; }

    /// <summary>The caller accepts the consequences (here: -DiscardData). Never the API's force; that is -Immediate.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? NotifyUser { get; set; }

    internal override ClusterOperationKind Kind => ClusterOperationKind.Stop;

    internal override void ValidateParameters()
    {
        if (DiscardData && !Force)
        {
            ThrowTerminatingError(ErrorRecords.InvalidArgument(
                "TensorOne.DiscardDataRequiresForce",
                "-DiscardData deletes the clusters' data volumes when they stop. Add -Force to confirm that you accept this.",
                null));
        }

        if (SnapshotName is not null && IsBound(nameof(SaveState)) && !SaveState)
        {
            ThrowTerminatingError(ErrorRecords.InvalidArgument(
                "TensorOne.SnapshotNameWithoutSaveState",
                "-SnapshotName names the snapshot that -SaveState takes; it cannot be combined with -SaveState:$false.",
                null));
        }
    }

    internal override string DescribeAction()
    {
        var parts = DescribeShutdown("Stop");

        parts.Add(SnapshotName is not null ? $"snapshot '{SnapshotName}' first" : SaveState ? "snapshot first" : "no snapshot");
        parts.Add(DiscardData ? "DATA VOLUMES DISCARDED" : "data volumes preserved");
        return string.Join(", ", parts);
    }

    internal override Func<CancellationToken, Task<ClusterOperationResult>> PrepareRequest(string clusterId)
    {
        var request = SharedRequestFields.Fill(this, new StopClusterRequest
        {
            SaveState = SnapshotName is not null ? true : IsBound(nameof(SaveState)) ? SaveState.IsPresent : null,
            SnapshotName = SnapshotName,
            PreserveData = IsBound(nameof(DiscardData)) ? !DiscardData.IsPresent : null,
            StopReason = Reason ?? AuditReason.For(this),
            NotifyUsers = NotifyUser,
        }, clusterId);
        var client = Client;
        return cancellationToken => client.StopClusterAsync(clusterId, request, cancellationToken);
    }

    /// <summary>Stopping a cluster that is already stopped (or stopping) is not an error: a warning and its current state.</summary>
    internal override async Task<T1ClusterOperation?> RecoverAsync(string clusterId, TensorOneRequestFailedException failure)
    {
        if (!failure.IsInvalidState || failure.CurrentStatus is not (ClusterStatus.Stopped or ClusterStatus.Stopping))
        {
            return null;
        }

        Pump.Post(() => WriteWarning($"Cluster '{clusterId}' is already {failure.CurrentStatus}; nothing to stop."));
        try
        {
            var cluster = await Client.GetClusterAsync(clusterId, includeDetails: false, Cancellation).ConfigureAwait(false);
            var current = T1ClusterOperation.FromCluster(ClusterOperationKind.Stop, cluster);
            if (cluster.Status is not (ClusterStatus.Stopped or ClusterStatus.Stopping))
            {
                // The refusal comes from where writes are judged; a read may lag it and still show the cluster running.
                current.Status = failure.CurrentStatus;
                current.Completed = failure.CurrentStatus == ClusterStatus.Stopped;
            }

            current.Note = AlreadyNote(failure.CurrentStatus);
            return MarkedAlready(current);
        }
        catch (TensorOneRequestFailedException)
        {
            // The state is known from the refusal itself; the read only adds detail.
            return MarkedAlready(new T1ClusterOperation
            {
                Id = clusterId,
                Operation = nameof(ClusterOperationKind.Stop),
                Status = failure.CurrentStatus,
                Completed = failure.CurrentStatus == ClusterStatus.Stopped,
                RequestId = failure.RequestId,
                Note = AlreadyNote(failure.CurrentStatus),
            });
        }
    }

    // A cluster stopped before we asked must not read as one this call just stopped ("Completed").
    private static T1ClusterOperation MarkedAlready(T1ClusterOperation result)
    {
        if (string.Equals(result.Status, ClusterStatus.Stopped, StringComparison.OrdinalIgnoreCase))
        {
            result.Phase = PhaseNames.AlreadyStopped;
            result.CurrentStep = null;
            result.PercentComplete = null;
        }

        return result;
    }

    // The API answers an already stopped cluster with a refusal, which carries no cost_impact: this call
    // saved nothing, and the saving of a stop already under way belongs to that stop's result.
    private static string AlreadyNote(string? status) =>
        $"Already {status} before this request; the API reports no hourly_rate_saved for it, so HourlyRateSaved is empty.";
}
