using TensorOne.Client.Models;

namespace TensorOne.Client.Wire;

/// <summary>
/// One page of <c>GET /clusters</c> with whatever the server said about paging, from any documented
/// place: <c>pagination.{has_next,total_pages,total,page,limit}</c>, or <c>has_more</c>, <c>total</c>,
/// <c>page</c> and <c>limit</c> beside the list. Null where the server said nothing.
/// </summary>
internal sealed class ClusterPage
{
    public ClusterPage(IReadOnlyList<ClusterWire> clusters, PaginationWire? pagination, string? requestId)
    {
        Clusters = clusters;
        Pagination = pagination;
        RequestId = requestId;
    }

    public IReadOnlyList<ClusterWire> Clusters { get; }

    /// <summary>The rows that could not be read as clusters, each named as far as it can be.</summary>
    public IReadOnlyList<UnreadableCluster> Unreadable { get; init; } = Array.Empty<UnreadableCluster>();

    /// <summary>Every row the page held, read or not: what paging decisions count.</summary>
    public int RowCount => Clusters.Count + Unreadable.Count;

    public PaginationWire? Pagination { get; }

    public string? RequestId { get; }

    /// <summary>True or false when the server said whether more pages follow (has_next or has_more).</summary>
    public bool? HasMore => Pagination?.HasNext ?? Pagination?.HasMore;

    public int? Total => Pagination?.Total;

    public int? TotalPages => Pagination?.TotalPages;

    /// <summary>The page size the server applied, which may be less than asked (a capped limit).</summary>
    public int? Limit => Pagination?.Limit;
}
