using System.Globalization;
using System.Management.Automation;
using TensorOne.Client;
using TensorOne.Client.Models;
using TensorOne.Client.Waiting;
using TensorOne.PowerShell.Cmdlets;
using TensorOne.PowerShell.Progress;
using TensorOne.PowerShell.Wording;

namespace TensorOne.PowerShell.Operations;

/// <summary>
/// One cluster's wait and what the user sees of its end: the result with Completed, or the error that
/// says why not. Stop/Restart-T1Cluster -Wait and Wait-T1Cluster share it, so their outputs and
/// errors are the same.
/// </summary>
internal static class OperationWait
{
    /// <summary>
    /// Waits on <paramref name="result"/>'s cluster (worker thread) and posts the outcome to the cmdlet's pump.
    /// <paramref name="started"/> is when the request was sent, whose own time counts against
    /// <paramref name="timeout"/> (-TimeoutMinutes bounds everything); the watcher gets what is left.
    /// </summary>
    public static async Task RunAsync(TensorOneCmdlet cmdlet, ClusterWatcher watcher, OperationProgressReporter progress, T1ClusterOperation result, ClusterOperationKind kind, TimeSpan timeout, DateTimeOffset? started = null)
    {
        var id = result.Id;
        var activity = OperationWords.Activity(kind).ToLowerInvariant();
        var client = cmdlet.Client;
        var left = started is { } sent ? timeout - (client.GetUtcNow() - sent) : timeout;
        var watchFor = left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1);
        var outcome = await watcher.WatchAsync(id, kind, result.Status, watchFor, cluster => progress.Observe(id, cluster, client.GetUtcNow())).ConfigureAwait(false);
        if (outcome.LastSeen is { } last)
        {
            result.Update(last);
        }

        var seconds = outcome.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        switch (outcome.End)
        {
            case WaitEnd.Succeeded:
                result.Completed = true;
                progress.Finish(id, true, $"{OperationWords.EndStatus(kind)} after {seconds} s");
                cmdlet.Pump.Post(() => cmdlet.WriteObject(result));
                break;
            case WaitEnd.Failed:
                progress.Finish(id, false, $"entered the error state after {seconds} s");
                cmdlet.Pump.Post(() => cmdlet.WriteError(new ErrorRecord(
                    new InvalidOperationException($"Cluster '{id}' entered the error state while {activity} (last phase: {result.Phase ?? "unknown"}). Inspect it with Get-T1Cluster {id}."),
                    "ClusterEnteredErrorState",
                    ErrorCategory.InvalidResult,
                    id)));
                break;
            case WaitEnd.TimedOut:
                var minutes = OperationWords.Count((long)Math.Round(timeout.TotalMinutes), "minute", "minutes");
                progress.Finish(id, false, $"not finished after {minutes}");
                cmdlet.Pump.Post(() => cmdlet.WriteError(new ErrorRecord(
                    new TimeoutException($"Cluster '{id}' did not finish {activity} within {minutes}; last phase: {result.Phase ?? result.Status ?? "unknown"}{(result.PercentComplete is { } p ? $" ({p}%)" : "")}. The operation goes on on the server; check it with Get-T1Cluster {id}."),
                    "OperationTimeout",
                    ErrorCategory.OperationTimeout,
                    id)));
                break;
            default:
                var failure = outcome.LastFailure ?? new TensorOneRequestFailedException(
                    TensorOneFailureKind.InvalidResponse, 0, "WAIT_FAILED", $"Cluster '{id}' could no longer be read while waiting", clusterId: id);
                progress.Finish(id, false, "waiting ended: " + failure.ApiMessage);
                cmdlet.Pump.Post(() => cmdlet.WriteFailure(failure, id));
                break;
        }
    }
}
