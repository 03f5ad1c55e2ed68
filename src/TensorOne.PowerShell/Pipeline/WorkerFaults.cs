using System.Management.Automation;

namespace TensorOne.PowerShell.Pipeline;

/// <summary>
/// What one cluster's worker says when it ends by anything but a result or the client's own failure:
/// a request never sent, a request cancelled on the wire, or a fault nobody expected. Each is one
/// error record naming its cluster, so the batch goes on and no cluster is left without a word.
/// </summary>
internal static class WorkerFaults
{
    /// <summary>
    /// The record for <paramref name="clusterId"/>'s worker that ended with <paramref name="fault"/>; null when the
    /// invocation is stopping, whose streams are closed.
    /// </summary>
    /// <param name="operation">"stop" or "restart".</param>
    /// <param name="sent">Whether the request had reached the network.</param>
    /// <param name="notSentBecause">Why no new request goes out (a rejected key), when sending was closed.</param>
    public static ErrorRecord? RecordFor(Exception fault, string clusterId, string operation, bool sent, bool stopping, string? notSentBecause)
    {
        if (fault is OperationCanceledException)
        {
            if (stopping)
            {
                return null;
            }

            if (!sent)
            {
                return new ErrorRecord(
                    new OperationCanceledException($"The {operation} request for cluster '{clusterId}' was not sent: {notSentBecause ?? "the command abandoned its work"}. Nothing was changed on the server; run the command again for this cluster."),
                    "TensorOne.NotSent",
                    ErrorCategory.OperationStopped,
                    clusterId);
            }

            return new ErrorRecord(
                new OperationCanceledException($"The {operation} request for cluster '{clusterId}' was sent, then cancelled before its answer: its outcome is unknown and it may go on on the server. Check it with Get-T1Cluster {clusterId} before sending it again."),
                "TensorOne.OutcomeUnknown",
                ErrorCategory.OperationStopped,
                clusterId);
        }

        // Not the client's own failure: a bug worth reporting with its stack, for this cluster only.
        return new ErrorRecord(fault, "TensorOne.UnexpectedFault," + fault.GetType().Name, ErrorCategory.NotSpecified, clusterId)
        {
            ErrorDetails = new ErrorDetails($"Cluster '{clusterId}': an unexpected {fault.GetType().Name} ended its {operation}{(sent ? " after its request was sent; check it with Get-T1Cluster " + clusterId : " before its request was sent")}: {fault.Message}"),
        };
    }

    /// <summary>The record for a reader's worker (a read, a wait) that ended with a fault nobody expected.</summary>
    public static ErrorRecord ForRead(Exception fault, string? clusterId, string doing) =>
        new(fault, "TensorOne.UnexpectedFault," + fault.GetType().Name, ErrorCategory.NotSpecified, clusterId)
        {
            ErrorDetails = new ErrorDetails($"{(clusterId is null ? "The listing" : "Cluster '" + clusterId + "'")}: an unexpected {fault.GetType().Name} ended {doing}: {fault.Message}"),
        };
}
