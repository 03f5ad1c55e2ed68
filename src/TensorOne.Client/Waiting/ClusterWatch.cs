using TensorOne.Client.Models;

namespace TensorOne.Client.Waiting;

/// <summary>One cluster a <see cref="ClusterWatcher"/> waits on, and the rule for when its operation has ended.</summary>
internal sealed class ClusterWatch
{
    private readonly TaskCompletionSource<WaitOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<ClusterInfo>? _onUpdate;
    private bool _sawOperation;

    public ClusterWatch(string clusterId, ClusterOperationKind kind, string? initialStatus, DateTimeOffset started, DateTimeOffset deadline, Action<ClusterInfo>? onUpdate)
    {
        ClusterId = clusterId;
        Kind = kind;
        Started = started;
        Deadline = deadline;
        _onUpdate = onUpdate;
        _sawOperation = IsInFlight(initialStatus);
    }

    public string ClusterId { get; }

    public ClusterOperationKind Kind { get; }

    public DateTimeOffset Started { get; }

    public DateTimeOffset Deadline { get; }

    public ClusterInfo? LastSeen { get; private set; }

    public TensorOneRequestFailedException? LastFailure { get; set; }

    public Task<WaitOutcome> Task => _completion.Task;

    public bool IsDone => _completion.Task.IsCompleted;

    /// <summary>Takes a read of the cluster; returns true when it ended the wait.</summary>
    public bool Observe(ClusterInfo cluster, DateTimeOffset now)
    {
        LastSeen = cluster;
        LastFailure = null;
        _onUpdate?.Invoke(cluster);
        var end = EndFor(cluster.Status, cluster.Progress?.Phase);
        if (end is { } reached)
        {
            return Complete(reached, now);
        }

        _sawOperation |= IsInFlight(cluster.Status);
        return false;
    }

    /// <summary>The end a status already means, before any poll (a cluster that was stopped before we asked).</summary>
    public WaitEnd? EndFor(string? status, string? phase)
    {
        if (Is(status, ClusterStatus.Error))
        {
            return WaitEnd.Failed;
        }

        if (Kind == ClusterOperationKind.Stop)
        {
            return Is(status, ClusterStatus.Stopped) ? WaitEnd.Succeeded : null;
        }

        // A restart reads "running" before it has begun as well as after it ended; only the latter counts.
        return Is(status, ClusterStatus.Running) && (_sawOperation || Is(phase, "ready")) ? WaitEnd.Succeeded : null;
    }

    public bool Complete(WaitEnd end, DateTimeOffset now) =>
        _completion.TrySetResult(new WaitOutcome(end, LastSeen, now - Started, LastFailure));

    public void Cancel() => _completion.TrySetCanceled();

    private bool IsInFlight(string? status) =>
        Kind == ClusterOperationKind.Restart
            ? Is(status, ClusterStatus.Restarting) || Is(status, ClusterStatus.Starting) || Is(status, ClusterStatus.Stopping) || Is(status, ClusterStatus.Pending)
            : Is(status, ClusterStatus.Stopping);

    private static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
}
