using TensorOne.Client.Models;

namespace TensorOne.PowerShell.Pipeline;

/// <summary>How an operation is spoken of and how long waiting on it lasts by default; -Wait and Wait-T1Cluster share them.</summary>
internal static class OperationWords
{
    public static string Verbing(ClusterOperationKind kind) => kind == ClusterOperationKind.Stop ? "Stopping" : "Restarting";

    /// <summary>The status that ends the operation.</summary>
    public static string DoneWord(ClusterOperationKind kind) => kind == ClusterOperationKind.Stop ? ClusterStatus.Stopped : ClusterStatus.Running;

    /// <summary>What the API does when no timeout is sent (10 minutes for a stop, 15 for a restart), and so how long a wait lasts.</summary>
    public static int DefaultTimeoutMinutes(ClusterOperationKind kind) => kind == ClusterOperationKind.Stop ? 10 : 15;
}
