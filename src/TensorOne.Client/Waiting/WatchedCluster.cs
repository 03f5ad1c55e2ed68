using TensorOne.Client.Models;

namespace TensorOne.Client.Waiting;

/// <summary>One cluster a <see cref="ClusterWatcher"/> waits on, and the rule for when its operation has ended.</summary>
internal sealed class WatchedCluster
{
    private readonly TaskCompletionSource<WaitOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<ClusterInfo>? _onUpdate;

    // A restart asked of a cluster in error is how users recover it; an answer that still says "error"
    // describes the cluster before the restart, not a restart that failed.
    private readonly bool _restartFromError;
    private readonly string? _initialStatus;
    private bool _sawOperation;
    private ITimer? _deadlineTimer;

    public WatchedCluster(string clusterId, ClusterOperationKind kind, string? initialStatus, DateTimeOffset started, DateTimeOffset deadline, Action<ClusterInfo>? onUpdate)
    {
        ClusterId = clusterId;
        Kind = kind;
        Started = started;
        Deadline = deadline;
        _onUpdate = onUpdate;
        _initialStatus = initialStatus;
        _sawOperation = IsInFlight(initialStatus);
        _restartFromError = kind == ClusterOperationKind.Restart && Is(initialStatus, ClusterStatus.Error);
    }

    public string ClusterId { get; }

    public ClusterOperationKind Kind { get; }

    public DateTimeOffset Started { get; }

    public DateTimeOffset Deadline { get; }

    public ClusterInfo? LastSeen { get; private set; }

    /// <summary>The status last read, else the one the operation's answer gave; null when neither said.</summary>
    public string? KnownStatus => LastSeen?.Status ?? _initialStatus;

    /// <summary>When the read that gave <see cref="LastSeen"/> was sent (a list of many pages takes a while).</summary>
    public DateTimeOffset LastSeenAt { get; private set; }

    /// <summary>
    /// The API's estimated end of the operation, when the last read gave one that was still ahead at
    /// the time: an estimate already overdue when read says nothing about when to look again.
    /// </summary>
    public DateTimeOffset? Estimate => LastSeen?.EstimatedCompletionAt is { } at && at > LastSeenAt ? at : null;

    public TensorOneRequestFailedException? LastFailure { get; set; }

    public Task<WaitOutcome> Task => _completion.Task;

    public bool IsDone => _completion.Task.IsCompleted;

    /// <summary>Takes a read of the cluster, sent at <paramref name="askedAt"/>; returns true when it ended the wait.</summary>
    public bool Observe(ClusterInfo cluster, DateTimeOffset askedAt, DateTimeOffset now)
    {
        // A read that was in flight when the wait ended (deadline, cancellation) must not change its outcome.
        if (IsDone)
        {
            return false;
        }

        LastSeen = cluster;
        LastSeenAt = askedAt;
        LastFailure = null;
        _onUpdate?.Invoke(cluster);
        var end = EndFor(cluster.Status, cluster.Progress?.Phase, RestartedSinceStart(cluster, askedAt));
        if (end is { } reached)
        {
            return Complete(reached, now);
        }

        _sawOperation |= IsInFlight(cluster.Status);
        return false;
    }

    /// <summary>The end a status already means, before any poll (a cluster that was stopped before we asked).</summary>
    public WaitEnd? EndFor(string? status, string? phase, bool restartedSinceStart = false)
    {
        if (Is(status, ClusterStatus.Error) && !(_restartFromError && !_sawOperation))
        {
            return WaitEnd.Failed;
        }

        if (Kind == ClusterOperationKind.Stop)
        {
            return Is(status, ClusterStatus.Stopped) ? WaitEnd.Succeeded : null;
        }

        // A restart reads "running" before it has begun as well as after it ended; only the latter counts.
        // Seeing it in flight tells them apart, and so does an uptime that began after we asked: a restart
        // quicker than the first poll is never seen in flight.
        return Is(status, ClusterStatus.Running) && (_sawOperation || restartedSinceStart || Is(phase, "ready")) ? WaitEnd.Succeeded : null;
    }

    /// <summary>Ends the wait when the deadline passes, even while a read is in flight (a retry sitting out a Retry-After, say).</summary>
    public void ExpireWith(ITimer deadlineTimer)
    {
        Volatile.Write(ref _deadlineTimer, deadlineTimer);
        if (IsDone)
        {
            deadlineTimer.Dispose();
        }
    }

    /// <summary>The deadline timer's callback. The elapsed time reported is the timeout itself, however late the timer ran.</summary>
    public void Expire() => Complete(WaitEnd.TimedOut, Deadline);

    public bool Complete(WaitEnd end, DateTimeOffset now)
    {
        if (!_completion.TrySetResult(new WaitOutcome(end, LastSeen, now - Started, LastFailure)))
        {
            return false;
        }

        Volatile.Read(ref _deadlineTimer)?.Dispose();
        return true;
    }

    public void Cancel()
    {
        if (_completion.TrySetCanceled())
        {
            Volatile.Read(ref _deadlineTimer)?.Dispose();
        }
    }

    // The server measured the uptime after the read was sent, so an uptime shorter than the time since we
    // asked began after we asked. It is in whole seconds: only a cluster that came up less than a second
    // before the restart was asked could pass for restarted before the restart shows.
    private bool RestartedSinceStart(ClusterInfo cluster, DateTimeOffset askedAt) =>
        Kind == ClusterOperationKind.Restart
            && cluster.UptimeSeconds is { } uptime
            && uptime >= 0
            && TimeSpan.FromSeconds(uptime) < askedAt - Started;

    private bool IsInFlight(string? status) =>
        Kind == ClusterOperationKind.Restart
            ? Is(status, ClusterStatus.Restarting) || Is(status, ClusterStatus.Starting) || Is(status, ClusterStatus.Stopping) || Is(status, ClusterStatus.Pending)
            : Is(status, ClusterStatus.Stopping);

    private static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
}
