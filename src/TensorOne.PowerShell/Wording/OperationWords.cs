using TensorOne.Client.Models;

namespace TensorOne.PowerShell.Wording;

/// <summary>How an operation is spoken of and how long waiting on it lasts by default; -Wait and Wait-T1Cluster share them.</summary>
internal static class OperationWords
{
    /// <summary>The progress activity while the operation is under way: "Stopping", "Restarting".</summary>
    public static string Activity(ClusterOperationKind kind) => kind == ClusterOperationKind.Stop ? "Stopping" : "Restarting";

    /// <summary>The status that ends the operation.</summary>
    public static string EndStatus(ClusterOperationKind kind) => kind == ClusterOperationKind.Stop ? ClusterStatus.Stopped : ClusterStatus.Running;

    /// <summary>What the API does when no timeout is sent (10 minutes for a stop, 15 for a restart), and so how long a wait lasts.</summary>
    public static int DefaultTimeoutMinutes(ClusterOperationKind kind) => kind == ClusterOperationKind.Stop ? 10 : 15;

    /// <summary>A count with its noun in the right number: "1 cluster", "3 clusters".</summary>
    public static string Count(long count, string one, string many) =>
        count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);

    /// <summary>
    /// What Ctrl+C or Stop-Job leaves behind. It ends our sending and waiting, not the operations:
    /// "Stopped" alone would read as "the clusters stopped".
    /// </summary>
    public static string CancelledNotice(ClusterOperationKind kind, int inFlight) =>
        $"Cancelled: nothing more is sent or waited on. The {kind.ToString().ToLowerInvariant()} requests already sent go on on the server ({Count(inFlight, "cluster", "clusters")}); check them with Get-T1Cluster.";
}
