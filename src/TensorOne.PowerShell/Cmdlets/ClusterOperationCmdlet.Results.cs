namespace TensorOne.PowerShell.Cmdlets;

/// <summary>What a result says that the API's answer may leave out.</summary>
public abstract partial class ClusterOperationCmdlet
{
    /// <summary>
    /// Fills in what this command asked of the cluster when the answer does not echo it (the API's
    /// bare cluster shape echoes nothing of the request); any thread.
    /// </summary>
    internal virtual T1ClusterOperation WithWhatWasAsked(T1ClusterOperation result) => result;
}
