using System.Collections;

namespace TensorOne.Client.Models;

/// <summary>The clusters one page of a listing brought that earlier pages had not, with what the server has said of the whole.</summary>
public sealed class ClusterListPage(IReadOnlyList<ClusterInfo> clusters, int number, int? declaredTotal) : IReadOnlyList<ClusterInfo>
{
    private readonly IReadOnlyList<ClusterInfo> _clusters = clusters;

    /// <summary>Which request of the listing brought it (1 for the first).</summary>
    public int Number { get; } = number;

    /// <summary>The total the server declared so far, when it did.</summary>
    public int? DeclaredTotal { get; } = declaredTotal;

    /// <summary>
    /// The rows of this page that could not be read as clusters (an odd value in one of them); they are
    /// not among the clusters, and the caller says so rather than losing the page.
    /// </summary>
    public IReadOnlyList<UnreadableCluster> Unreadable { get; init; } = Array.Empty<UnreadableCluster>();

    public int Count => _clusters.Count;

    public ClusterInfo this[int index] => _clusters[index];

    public IEnumerator<ClusterInfo> GetEnumerator() => _clusters.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
