using TensorOne.Client;
using TensorOne.Client.Models;

namespace TensorOne.PowerShell.Wording;

/// <summary>The warning for a listing row that could not be read: the other rows are listed, this one is named.</summary>
internal static class UnreadableRowWarning
{
    public static string For(UnreadableCluster row) =>
        $"Cluster '{row.Id}' is left out of this listing: the API's row for it could not be read ({row.Problem}). The other clusters are listed."
        + (ClusterId.IsValid(row.Id) ? $" Get-T1Cluster -Id {row.Id} reads it alone." : "");
}
