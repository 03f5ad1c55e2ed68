using TensorOne.Client.Models;

namespace TensorOne.Client.Waiting;

public sealed class WaitOutcome
{
    public WaitOutcome(WaitEnd end, ClusterInfo? lastSeen, TimeSpan elapsed, TensorOneRequestFailedException? lastFailure)
    {
        End = end;
        LastSeen = lastSeen;
        Elapsed = elapsed;
        LastFailure = lastFailure;
    }

    public WaitEnd End { get; }

    /// <summary>The last successful read of the cluster, if any.</summary>
    public ClusterInfo? LastSeen { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>The last failed read, when reads failed.</summary>
    public TensorOneRequestFailedException? LastFailure { get; }
}
