using TensorOne.Client.Models;
using TensorOne.PowerShell.Pipeline;

namespace TensorOne.PowerShell.Cmdlets;

/// <summary>
/// One cluster's worker: waits its turn, sends, waits with -Wait, and whatever ends it, says so for
/// its cluster. A worker never ends a batch: a fault nobody expected, a request never sent because
/// the key was rejected, and a request cancelled on the wire are each one error record naming the cluster.
/// </summary>
public abstract partial class ClusterOperationCmdlet
{
    private string? _sendingClosedBecause;
    private int _unsentAfterRejection;

    /// <summary>No new request goes out; requests on the wire finish and report (any thread).</summary>
    private void StopSending(string because)
    {
        Interlocked.CompareExchange(ref _sendingClosedBecause, because, null);
        CloseSending();
    }

    /// <summary>After every cluster has its result or record: a rejected key ends the command, saying what was not sent (pipeline thread).</summary>
    private void EndIfKeyRejected()
    {
        var unsent = Volatile.Read(ref _unsentAfterRejection);
        if (unsent > 0)
        {
            WriteWarning($"The API rejected the key: {(unsent == 1 ? "1 cluster's request was" : unsent + " clusters' requests were")} not sent (each has its own TensorOne.NotSent error naming its cluster). Connect with a valid key and run the command again for those clusters.");
        }

        ThrowIfKeyRejected();
    }

    private async Task RunOneAsync(string id, Func<CancellationToken, Task<ClusterOperationResult>> send, bool first)
    {
        // Counted as in flight only once its request reached the network (RequestSentFor): a Ctrl+C warning names what may go on there.
        try
        {
            if (!first)
            {
                await _firstAnswered.Task.ConfigureAwait(false);
                Sending.ThrowIfCancellationRequested();
            }

            await _throttle!.WaitAsync(Sending).ConfigureAwait(false);
            await SendAndWaitAsync(id, send, first).ConfigureAwait(false);
        }
        catch (Exception fault)
        {
            var record = WorkerFaults.RecordFor(fault, id, Kind.ToString().ToLowerInvariant(), _sent.ContainsKey(id), IsStopping, Volatile.Read(ref _sendingClosedBecause));
            if (record is not null)
            {
                if (record.FullyQualifiedErrorId == "TensorOne.NotSent")
                {
                    Interlocked.Increment(ref _unsentAfterRejection);
                }

                _progress?.Finish(id, false, record.Exception.Message);
                Pump.Post(() => WriteError(record));
            }
        }
        finally
        {
            if (_sent.TryRemove(id, out _))
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
