using System.Collections;

namespace TensorOne.Client.Models;

/// <summary>Every cluster a listing read, with <see cref="Listing"/> saying whether that is all of them.</summary>
public sealed class ClusterList(IReadOnlyList<ClusterInfo> clusters, ClusterListing listing) : IReadOnlyList<ClusterInfo>
{
    private readonly IReadOnlyList<ClusterInfo> _clusters = clusters;

    public ClusterListing Listing { get; } = listing;

    public int Count => _clusters.Count;

    public ClusterInfo this[int index] => _clusters[index];

    public IEnumerator<ClusterInfo> GetEnumerator() => _clusters.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
