using TensorOne.Client.Models;

namespace TensorOne.Client.Waiting;

public sealed class WaitOutcome(WaitEnd end, ClusterInfo? lastSeen, TimeSpan elapsed, TensorOneRequestFailedException? lastFailure)
{
    public WaitEnd End { get; } = end;

    /// <summary>The last successful read of the cluster, if any.</summary>
    public ClusterInfo? LastSeen { get; } = lastSeen;

    public TimeSpan Elapsed { get; } = elapsed;

    /// <summary>The last failed read, when reads failed.</summary>
    public TensorOneRequestFailedException? LastFailure { get; } = lastFailure;
}
