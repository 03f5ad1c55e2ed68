using System.Collections.Concurrent;
using TensorOne.Client;
using TensorOne.Client.Models;
using TensorOne.PowerShell.Cmdlets;
using TensorOne.PowerShell.Errors;
using TensorOne.PowerShell.Pipeline;

namespace TensorOne.PowerShell.Operations;

/// <summary>
/// Sends a batch of stops or restarts: at most -ThrottleLimit requests at once, the first one alone,
/// within the API's write budget. One worker per cluster waits its turn, sends, hands the answer to
/// -Wait, and whatever ends it, says so for its cluster. A worker never ends a batch: a fault nobody
/// expected, a request never sent because the key was rejected, and a request cancelled on the wire
/// are each one error record naming the cluster.
/// </summary>
internal sealed class BatchSender
{
    private readonly ClusterOperationCmdlet _cmdlet;
    private readonly SemaphoreSlim _throttle;
    private readonly FirstRequestAlone _first;
    private readonly WaitWithProgress? _wait;
    private readonly WriteBudgetNotice _budget;
    private readonly KeyRejection _rejection;
    private readonly ConcurrentDictionary<string, bool> _sent = new(StringComparer.Ordinal);
    private int _inFlight;
    private int _attempted;
    private int _queued;

    public BatchSender(ClusterOperationCmdlet cmdlet, FirstRequestAlone first, WaitWithProgress? wait)
    {
        _cmdlet = cmdlet;
        _throttle = new SemaphoreSlim(cmdlet.ThrottleLimit);
        _first = first;
        _wait = wait;
        _budget = new WriteBudgetNotice(cmdlet);
        _rejection = new KeyRejection(cmdlet);
    }

    /// <summary>Requests on the wire now: sent, and not yet answered (any thread).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Called by the client once a cluster's request has been handed to the network: from then on it may act on the server.</summary>
    public Action RequestSentFor(string clusterId) => () =>
    {
        if (_sent.TryAdd(clusterId, true))
        {
            Interlocked.Increment(ref _inFlight);
        }
    };

    /// <summary>Clusters whose requests are on the wire now, other than <paramref name="clusterId"/>, in id order.</summary>
    public IReadOnlyList<string> SentOtherThan(string? clusterId) =>
        _sent.Keys.Where(k => !string.Equals(k, clusterId, StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal).ToList();

    /// <summary>A cluster joins the batch (pipeline thread).</summary>
    public void Queue() => Interlocked.Increment(ref _queued);

    /// <summary>At the end of the input: says if what came after the first answer will not all fit in the write budget.</summary>
    public void SayBudgetIfShort() => _budget.SayIfShort(Volatile.Read(ref _queued) - Volatile.Read(ref _attempted));

    /// <summary>One warning for the whole batch when the write budget left part of it unsent (pipeline thread).</summary>
    public void SumUpUnsent() => _budget.SumUpUnsent(Volatile.Read(ref _attempted));

    /// <summary>After every cluster has its result or record: a rejected key ends the command (pipeline thread).</summary>
    public void EndIfKeyRejected() => _rejection.EndIfKeyRejected();

    /// <summary>One cluster's worker (thread pool). Counted as in flight only once its request reached the network (<see cref="RequestSentFor"/>): a Ctrl+C warning names what may go on there.</summary>
    public async Task RunOneAsync(string id, Func<CancellationToken, Task<ClusterOperationResult>> send, bool first)
    {
        try
        {
            if (!first)
            {
                await _first.Answered.ConfigureAwait(false);
                _cmdlet.Sending.ThrowIfCancellationRequested();
            }

            await _throttle.WaitAsync(_cmdlet.Sending).ConfigureAwait(false);
            await SendAndWaitAsync(id, send, first).ConfigureAwait(false);
        }
        catch (Exception fault)
        {
            var record = WorkerFaults.RecordFor(fault, id, _cmdlet.Kind.ToString().ToLowerInvariant(), _sent.ContainsKey(id), _cmdlet.IsStopping, _rejection.SendingClosedBecause);
            if (record is not null)
            {
                if (record.FullyQualifiedErrorId == "TensorOne.NotSent" && _rejection.NeverStarted(id, Volatile.Read(ref _attempted)))
                {
                    _wait?.Progress.Finish(id, false, "not sent");
                    return;
                }

                _wait?.Progress.Finish(id, false, record.Exception.Message);
                _cmdlet.Pump.Post(() => _cmdlet.WriteError(record));
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

    private async Task SendAndWaitAsync(string id, Func<CancellationToken, Task<ClusterOperationResult>> send, bool first)
    {
        T1ClusterOperation result;
        var started = _cmdlet.Client.GetUtcNow();
        try
        {
            _cmdlet.Sending.ThrowIfCancellationRequested();
            Interlocked.Increment(ref _attempted);
            result = _cmdlet.WithWhatWasAsked(T1ClusterOperation.From(await send(_cmdlet.Cancellation).ConfigureAwait(false)));
        }
        catch (TensorOneRequestFailedException failure) when (failure.NotSent)
        {
            _budget.CountNotSent(failure);
            _wait?.Progress.Finish(id, false, "not sent: " + failure.ApiMessage);
            _cmdlet.Pump.Post(() => _cmdlet.WriteFailure(failure, id));
            return;
        }
        catch (TensorOneRequestFailedException failure)
        {
            if (failure.IsAuthenticationFailure)
            {
                // Every other cluster would be refused alike: send nothing more, and let what is on the wire answer.
                _rejection.StopSending("the API rejected the key earlier in this batch");
            }

            var recovered = await _cmdlet.RecoverAsync(id, failure).ConfigureAwait(false);
            if (recovered is null)
            {
                _wait?.Progress.Finish(id, false, "failed: " + failure.ApiMessage);
                _cmdlet.Pump.Post(() => _cmdlet.WriteFailure(failure, id));
                return;
            }

            result = recovered;
        }
        catch (ArgumentException invalid)
        {
            // The client refused the input (e.g. a configuration value it cannot send); nothing was sent.
            _wait?.Progress.Finish(id, false, "refused: " + invalid.Message);
            _cmdlet.Pump.Post(() => _cmdlet.WriteError(ErrorRecords.InvalidArgument("TensorOne.InvalidRequest", invalid.Message, id)));
            return;
        }
        finally
        {
            _throttle.Release();
            if (first)
            {
                _budget.SayIfShort(Volatile.Read(ref _queued) - 1);
                _first.SetAnswered();
            }
        }

        if (_wait is null)
        {
            _cmdlet.Pump.Post(() => _cmdlet.WriteObject(result));
            return;
        }

        await _wait.WaitForAsync(result, started).ConfigureAwait(false);
    }
}
