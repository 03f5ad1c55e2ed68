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
    // A key rejected at the batch's first request changed nothing: the rest are named in one warning, and the one terminating error is the batch's only record.
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _neverStarted = new();

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

        // Said in the terminating record itself: its one error is then the whole story.
        var neverStarted = _neverStarted.OrderBy(id => id, StringComparer.Ordinal).ToList();
        ThrowIfKeyRejected(neverStarted.Count == 0 ? null : $"Nothing was changed: the key was rejected at the first request, and no other was sent (not sent: {string.Join(", ", neverStarted)}).");
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
                    if (Volatile.Read(ref _attempted) <= 1 && Volatile.Read(ref _sendingClosedBecause) is not null)
                    {
                        _neverStarted.Enqueue(id);
                        _progress?.Finish(id, false, "not sent");
                        return;
                    }

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
