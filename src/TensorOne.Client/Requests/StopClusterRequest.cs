namespace TensorOne.Client.Requests;

/// <summary>Every field of the stop reference page (the shared ones in <see cref="ClusterOperationRequest"/>).</summary>
public sealed class StopClusterRequest : ClusterOperationRequest
{
    public bool? SaveState { get; set; }

    public string? SnapshotName { get; set; }

    /// <summary>API <c>preserve_data</c>; false discards data volumes.</summary>
    public bool? PreserveData { get; set; }

    /// <summary>API <c>wait_for_completion</c>: a server-side wait that holds the request open; the module polls instead.</summary>
    public bool? WaitForCompletion { get; set; }

    public string? StopReason { get; set; }

    public IReadOnlyList<string>? NotifyUsers { get; set; }

    private protected override void ValidateOperationFields()
    {
        if (NotifyUsers is not null && NotifyUsers.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("NotifyUsers contains an empty user id.", nameof(NotifyUsers));
        }
    }
}
