namespace TensorOne.Client.Models;

public enum ClusterOperationKind
{
    Stop,
    Restart,
}
