namespace TensorOne.Simulator.Operations;

/// <summary>
/// The answer of a cluster to a stop or restart: the cluster as it was just before, and the operation
/// it started, or none when its status did not allow one.
/// </summary>
internal sealed record OperationAttempt(ClusterView Before, ClusterOperation? Started)
{
    public bool Accepted => Started is not null;
}
