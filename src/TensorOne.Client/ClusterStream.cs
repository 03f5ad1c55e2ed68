using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using TensorOne.Client.Models;
using TensorOne.Client.Wire;

namespace TensorOne.Client;

/// <summary>
/// One listing of <c>GET /clusters</c>, read lazily: a page is requested only when the consumer has
/// taken every row of the one before, so a consumer that needs three clusters costs one request and
/// one page in memory, and one that stops (breaks out, or cancels) leaves nothing running. Every
/// documented paging form is read; a page of nothing new, or more clusters than the server declared,
/// ends the walk, and <see cref="Listing"/> says when the listing may be short. A failed page throws
/// from the enumeration; the rows before it have been delivered. A stream is read once.
/// </summary>
public sealed class ClusterStream : IAsyncEnumerable<ClusterInfo>
{
    // A runaway server that always says "has_next" must not keep a listing going for ever.
    private const int MaxPages = 10_000;

    private readonly Func<int, CancellationToken, Task<ClusterPage>> _readPage;
    private readonly Action<ClientLogLevel, string>? _log;
    private readonly PagingWalk _walk = new(TensorOneClient.PageSize);
    private readonly ConcurrentQueue<UnreadableCluster> _unreadable = new();
    private int _started;
    private volatile bool _ended;

    internal ClusterStream(Func<int, CancellationToken, Task<ClusterPage>> readPage, Action<ClientLogLevel, string>? log)
    {
        _readPage = readPage;
        _log = log;
    }

    /// <summary>
    /// What the walk has learned so far: pages read, clusters delivered, the server's total, and whether
    /// the listing is whole. Read it once the enumeration has ended; a consumer that stopped early sees
    /// <see cref="ClusterListing.StoppedByCaller"/>.
    /// </summary>
    public ClusterListing Listing => new(_walk.Pages, _walk.Delivered, _walk.DeclaredTotal, stoppedByCaller: !_ended, _walk.IncompleteBecause);

    /// <summary>
    /// The rows met so far that could not be read as clusters, each handed out once. They are not among
    /// the clusters enumerated; a caller that asks after each step can say so beside the rows it lists.
    /// </summary>
    public IReadOnlyList<UnreadableCluster> TakeUnreadable()
    {
        var taken = new List<UnreadableCluster>();
        while (_unreadable.TryDequeue(out var row))
        {
            taken.Add(row);
        }

        return taken;
    }

    /// <summary>The same enumeration behind a reader whose signatures name no type of Microsoft.Bcl.AsyncInterfaces (for the cmdlets).</summary>
    public ClusterRowReader OpenReader(CancellationToken cancellationToken = default) => new(GetAsyncEnumerator(cancellationToken));

    public async IAsyncEnumerator<ClusterInfo> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in PagesAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Unreadable)
            {
                _unreadable.Enqueue(row);
            }

            foreach (var cluster in page)
            {
                // A consumer that cancels mid-page is done now, not at the next page's request.
                cancellationToken.ThrowIfCancellationRequested();
                yield return cluster;
            }
        }
    }

    /// <summary>The same walk a page at a time, for a caller that decides between pages whether to read on (the watcher).</summary>
    internal async IAsyncEnumerable<ClusterListPage> PagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("A cluster stream is read once; call ListClusters again for another listing.");
        }

        for (var number = 1; ; number++)
        {
            var page = await _readPage(number, cancellationToken).ConfigureAwait(false);
            var fresh = _walk.Take(page);
            var freshCount = fresh.Count + _walk.FreshUnreadable.Count;
            if (freshCount > 0)
            {
                var clusters = new List<ClusterInfo>(fresh.Count);
                foreach (var wire in fresh)
                {
                    wire.RequestId ??= page.RequestId;
                    clusters.Add(WireMapper.ToCluster(wire));
                }

                yield return new ClusterListPage(clusters, _walk.Pages, _walk.DeclaredTotal) { Unreadable = _walk.FreshUnreadable };
            }

            if (!_walk.ShouldContinue(page, number, freshCount, MaxPages))
            {
                break;
            }
        }

        _ended = true;
        if (_walk.IncompleteBecause is { } why)
        {
            _log?.Invoke(ClientLogLevel.Verbose, "The cluster listing may be incomplete: " + why + ".");
        }
    }
}
