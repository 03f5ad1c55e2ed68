namespace TensorOne.Client.Internal;

internal sealed class ClusterPage
{
    public ClusterPage(IReadOnlyList<ClusterWire> clusters, PaginationWire? pagination, string? requestId)
    {
        Clusters = clusters;
        Pagination = pagination;
        RequestId = requestId;
    }

    public IReadOnlyList<ClusterWire> Clusters { get; }

    public PaginationWire? Pagination { get; }

    public string? RequestId { get; }
}
