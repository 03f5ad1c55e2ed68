using System.Collections.Concurrent;
using TensorOne.PowerShell.Cmdlets;

namespace TensorOne.PowerShell.Operations;

/// <summary>
/// A rejected key in a batch of writes: no new request goes out, the requests on the wire finish and
/// report, and the command ends once every cluster has its result or record, saying what was not sent.
/// </summary>
internal sealed class KeyRejection
{
    private readonly ClusterOperationCmdlet _cmdlet;
    // A key rejected at the batch's first request changed nothing: the rest are named in one warning, and the one terminating error is the batch's only record.
    private readonly ConcurrentQueue<string> _neverStarted = new();
    private string? _sendingClosedBecause;
    private int _unsentAfterRejection;

    public KeyRejection(ClusterOperationCmdlet cmdlet) => _cmdlet = cmdlet;

    /// <summary>Why sending was closed, or null while requests may still go out (any thread).</summary>
    public string? SendingClosedBecause => Volatile.Read(ref _sendingClosedBecause);

    /// <summary>No new request goes out; requests on the wire finish and report (any thread).</summary>
    public void StopSending(string because)
    {
        Interlocked.CompareExchange(ref _sendingClosedBecause, because, null);
        _cmdlet.CloseSending();
    }

    /// <summary>
    /// A request not sent because the key was rejected (any thread). True when the key was rejected at
    /// the batch's first request, so the cluster is named in the terminating record instead of its own.
    /// </summary>
    public bool NeverStarted(string id, int attempted)
    {
        if (attempted <= 1 && SendingClosedBecause is not null)
        {
            _neverStarted.Enqueue(id);
            return true;
        }

        Interlocked.Increment(ref _unsentAfterRejection);
        return false;
    }

    /// <summary>After every cluster has its result or record: a rejected key ends the command, saying what was not sent (pipeline thread).</summary>
    public void EndIfKeyRejected()
    {
        var unsent = Volatile.Read(ref _unsentAfterRejection);
        if (unsent > 0)
        {
            _cmdlet.WriteWarning($"The API rejected the key: {(unsent == 1 ? "1 cluster's request was" : unsent + " clusters' requests were")} not sent (each has its own TensorOne.NotSent error naming its cluster). Connect with a valid key and run the command again for those clusters.");
        }

        // Said in the terminating record itself: its one error is then the whole story.
        var neverStarted = _neverStarted.OrderBy(id => id, StringComparer.Ordinal).ToList();
        _cmdlet.ThrowIfKeyRejected(neverStarted.Count == 0 ? null : $"Nothing was changed: the key was rejected at the first request, and no other was sent (not sent: {string.Join(", ", neverStarted)}).");
    }
}
