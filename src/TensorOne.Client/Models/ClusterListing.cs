namespace TensorOne.Client.Models;

/// <summary>
/// What a walk of <c>GET /clusters</c> learned: how many pages and clusters it read, what the server
/// declared, and whether the listing is known to be whole. A listing that is not whole says why, so a
/// caller can warn rather than act on part of the account as if it were all of it.
/// </summary>
public sealed class ClusterListing(int pages, int clusters, int? declaredTotal, bool stoppedByCaller, string? incompleteBecause)
{
    /// <summary>Requests sent for the listing (one per page).</summary>
    public int Pages { get; } = pages;

    /// <summary>Distinct clusters delivered.</summary>
    public int Clusters { get; } = clusters;

    /// <summary>The total the server declared, when it did.</summary>
    public int? DeclaredTotal { get; } = declaredTotal;

    /// <summary>The caller asked to stop reading (it had what it needed); not a fault.</summary>
    public bool StoppedByCaller { get; } = stoppedByCaller;

    /// <summary>Why the listing may have missed clusters; null when the server's paging shows it is whole.</summary>
    public string? IncompleteBecause { get; } = incompleteBecause;

    public bool IsComplete => IncompleteBecause is null && !StoppedByCaller;
}
