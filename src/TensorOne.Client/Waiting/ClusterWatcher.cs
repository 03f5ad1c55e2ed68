using TensorOne.Client.Models;

namespace TensorOne.Client.Waiting;

/// <summary>
/// Waits on many operations together with one polling loop whose cost follows the clusters in flight,
/// never the size of the account. Few clusters are read one GET each. Many are read through the list
/// endpoint filtered on the operations' transitional statuses, one documented status per list
/// (<c>status=stopping</c>, ...; see <see cref="StatusReadPlan"/>), so a round costs a page per hundred
/// clusters in flight; a watched cluster missing from those lists has left its transitional status and
/// is read once by id to learn how it ended. Watches can join while the loop runs (a batch's POSTs
/// finish one by one).
/// </summary>
public sealed class ClusterWatcher
{
    private const int MaxParallelReads = 8;

    private readonly TensorOneClient _client;
    private readonly WaitOptions _options;
    private readonly PollSchedule _schedule;
    private readonly TimeProvider _time;
    private readonly CancellationToken _cancellationToken;
    private readonly object _gate = new();
    private readonly List<WatchedCluster> _active = new();
    private bool _loopRunning;
    private readonly StatusListReader _lists;
    private int _rounds;
    private TimeSpan? _retryAfter;
    private int _reads;

    public ClusterWatcher(TensorOneClient client, CancellationToken cancellationToken, WaitOptions? options = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? new WaitOptions();
        _schedule = new PollSchedule(_options);
        _time = client.TimeProvider;
        _cancellationToken = cancellationToken;
        _lists = new StatusListReader(client, _options, cancellationToken, pages => Interlocked.Add(ref _reads, pages), NoteFailure);
        _cancellationToken.Register(CancelAll);
    }

    /// <summary>Requests the watcher has sent (list pages count one each).</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Polling rounds run so far; <see cref="Reads"/> over this is the cost of a round.</summary>
    public int Rounds => Volatile.Read(ref _rounds);

    /// <summary>
    /// Waits until the cluster reaches the end state of <paramref name="kind"/>, enters the error state,
    /// or <paramref name="timeout"/> passes. <paramref name="onUpdate"/> sees every read, on a worker thread.
    /// </summary>
    public Task<WaitOutcome> WatchAsync(string clusterId, ClusterOperationKind kind, string? initialStatus, TimeSpan timeout, Action<ClusterInfo>? onUpdate = null)
    {
        ClusterId.Validate(clusterId, nameof(clusterId));
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be positive.");
        }

        var now = _time.GetUtcNow();
        var watch = new WatchedCluster(clusterId, kind, initialStatus, now, now + timeout, onUpdate);
        if (watch.EndFor(initialStatus, null) is { } already)
        {
            watch.Complete(already, now);
            return watch.Task;
        }

        if (_cancellationToken.IsCancellationRequested)
        {
            watch.Cancel();
            return watch.Task;
        }

        // The deadline is kept by a timer of its own, not by the loop: a read in flight (a retry sitting
        // out a Retry-After, say) must not carry a wait past it.
        watch.ExpireWith(_time.CreateTimer(static state => ((WatchedCluster)state!).Expire(), watch, timeout, Timeout.InfiniteTimeSpan));
        lock (_gate)
        {
            _active.Add(watch);
            if (!_loopRunning)
            {
                _loopRunning = true;
                _ = Task.Run(LoopAsync);
            }
        }

        return watch.Task;
    }

    private async Task LoopAsync()
    {
        try
        {
            while (true)
            {
                var active = Snapshot(expire: true);
                if (active is null)
                {
                    return;
                }

                await _time.Delay(NextDelay(active), _cancellationToken).ConfigureAwait(false);
                active = Snapshot(expire: true);
                if (active is null)
                {
                    return;
                }

                await PollAsync(active).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
        {
            CancelAll();
        }
        catch (Exception ex)
        {
            // A bug here must not leave callers waiting for ever.
            var failure = new TensorOneRequestFailedException(TensorOneFailureKind.InvalidResponse, 0, "WAIT_FAILED", "Waiting failed: " + ex.Message, innerException: ex);
            foreach (var watch in TakeAll())
            {
                watch.LastFailure = failure;
                watch.Complete(WaitEnd.Lost, _time.GetUtcNow());
            }
        }
    }

    /// <summary>The watches still running, after completing those past their deadline; null (and the loop stops) when none are left.</summary>
    private WatchedCluster[]? Snapshot(bool expire)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (expire)
            {
                foreach (var watch in _active.Where(w => w.Deadline <= now).ToArray())
                {
                    watch.Complete(WaitEnd.TimedOut, now);
                }
            }

            _active.RemoveAll(w => w.IsDone);
            if (_active.Count == 0)
            {
                _loopRunning = false;
                return null;
            }

            return _active.ToArray();
        }
    }

    private TimeSpan NextDelay(WatchedCluster[] active)
    {
        var now = _time.GetUtcNow();
        var youngest = active.Max(w => w.Started);
        var estimates = active.Select(w => w.Estimate).ToList();
        var ahead = estimates.Where(e => e > now).Select(e => e!.Value).ToList();
        TimeSpan? untilEarliest = ahead.Count > 0 ? ahead.Min() - now : null;
        TimeSpan? untilLatest = estimates.All(e => e is not null) ? estimates.Max()!.Value - now : null;
        var budget = _client.LastRateLimit;
        var budgetLow = budget is { Limit: > 0, Remaining: { } remaining } && remaining < budget.Limit.Value / 10;
        TimeSpan? retryAfter;
        lock (_gate)
        {
            retryAfter = _retryAfter;
            _retryAfter = null;
        }

        var delay = _schedule.NextDelay(now - youngest, untilEarliest, untilLatest, retryAfter, budgetLow);
        var untilDeadline = active.Min(w => w.Deadline) - now;
        return untilDeadline < delay ? (untilDeadline < TimeSpan.Zero ? TimeSpan.Zero : untilDeadline) : delay;
    }

    private async Task PollAsync(WatchedCluster[] active)
    {
        Interlocked.Increment(ref _rounds);

        // A cluster last seen in a status no documented list holds (a restart's "restarting") is read by id.
        var listable = active.Where(w => StatusReadPlan.CanList(w.KnownStatus)).ToArray();
        var unread = active;
        if (_lists.ShouldList(listable))
        {
            unread = [.. active.Except(listable), .. await _lists.ReadAsync(listable).ConfigureAwait(false)];
        }

        if (unread.Length > 0)
        {
            await PollOneByOneAsync(unread).ConfigureAwait(false);
        }
    }

    private async Task PollOneByOneAsync(WatchedCluster[] watches)
    {
        using var throttle = new SemaphoreSlim(MaxParallelReads);
        await Task.WhenAll(watches.Select(async watch =>
        {
            await throttle.WaitAsync(_cancellationToken).ConfigureAwait(false);
            try
            {
                // Ended while waiting for its turn (deadline, cancellation): the read would serve no one.
                if (watch.IsDone)
                {
                    return;
                }

                Interlocked.Increment(ref _reads);
                var askedAt = _time.GetUtcNow();
                var cluster = await _client.GetClusterAsync(watch.ClusterId, includeDetails: false, _cancellationToken).ConfigureAwait(false);
                watch.Observe(cluster, askedAt, _time.GetUtcNow());
            }
            catch (TensorOneRequestFailedException ex)
            {
                NoteFailure(new[] { watch }, ex);
            }
            finally
            {
                throttle.Release();
            }
        })).ConfigureAwait(false);
    }

    private void NoteFailure(IEnumerable<WatchedCluster> watches, TensorOneRequestFailedException failure)
    {
        var now = _time.GetUtcNow();
        foreach (var watch in watches)
        {
            watch.LastFailure = failure.WithCluster(watch.ClusterId);

            // Gone, or the key stopped working: polling on cannot help.
            var hopeless = failure.IsNotFound || failure.IsAuthenticationFailure || failure.Status == 403;

            // Told not to read again before the deadline has passed: end now, with the API's refusal and
            // its time to retry, rather than sit out the wait and call it a timeout.
            var refusedPastDeadline = failure.RetryAfter is { } refusal && now + refusal >= watch.Deadline;
            if (hopeless || refusedPastDeadline)
            {
                watch.Complete(WaitEnd.Lost, now);
            }
        }

        if (failure.RetryAfter is { } wait)
        {
            lock (_gate)
            {
                _retryAfter = _retryAfter is { } current && current > wait ? current : wait;
            }
        }
    }

    private void CancelAll()
    {
        foreach (var watch in TakeAll())
        {
            watch.Cancel();
        }
    }

    private WatchedCluster[] TakeAll()
    {
        lock (_gate)
        {
            var all = _active.ToArray();
            _active.Clear();
            _loopRunning = false;
            return all;
        }
    }
}
