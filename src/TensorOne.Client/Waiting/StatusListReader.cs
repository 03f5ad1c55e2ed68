using TensorOne.Client.Models;
using TensorOne.Client.Requests;

namespace TensorOne.Client.Waiting;

/// <summary>
/// A polling round's reads through the list endpoint: whether lists are cheaper than one read by id
/// each, the lists of the operations' transitional statuses, and, when many clusters left those at
/// once, the lists of their end states. Whatever the lists did not show is left to be read by id.
/// </summary>
internal sealed class StatusListReader
{
    // Up to this many clusters leaving the transitional list in one round, one read each is cheap enough.
    private const int LeaversWorthListing = 10;

    private readonly TensorOneClient _client;
    private readonly WaitOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationToken _cancellationToken;
    private readonly Action<int> _countReads;
    private readonly Action<IEnumerable<WatchedCluster>, TensorOneRequestFailedException> _noteFailure;
    private readonly StatusReadPlan _plan = new();
    private bool _listingRefused;

    /// <param name="countReads">Told of every request sent (a list page counts one).</param>
    /// <param name="noteFailure">Told of a list that failed, for the watches it was to read.</param>
    public StatusListReader(
        TensorOneClient client,
        WaitOptions options,
        CancellationToken cancellationToken,
        Action<int> countReads,
        Action<IEnumerable<WatchedCluster>, TensorOneRequestFailedException> noteFailure)
    {
        _client = client;
        _options = options;
        _time = client.TimeProvider;
        _cancellationToken = cancellationToken;
        _countReads = countReads;
        _noteFailure = noteFailure;
    }

    // Lists cost a page per hundred clusters in their status in the account (ours and anyone else's);
    // reading each costs one per cluster watched.
    public bool ShouldList(WatchedCluster[] listable) =>
        !_listingRefused && listable.Length > _options.ListThreshold
        && _plan.ListsPayFor(StatusReadPlan.InFlight(listable.Select(w => w.Kind)), listable.Length);

    /// <summary>
    /// Reads the clusters in the watched operations' transitional statuses, one documented list per
    /// status; returns the watches those lists did not show (ended, or not yet begun), to be read by id.
    /// Only watched clusters are kept from the pages, so memory does not grow with the account either.
    /// </summary>
    public async Task<WatchedCluster[]> ReadAsync(WatchedCluster[] active)
    {
        var shown = new HashSet<WatchedCluster>();
        foreach (var status in StatusReadPlan.InFlight(active.Select(w => w.Kind)))
        {
            var askedAt = _time.GetUtcNow();
            WatchedListing read;
            try
            {
                read = await ReadWatchedAsync(status, active, (_, _) => true).ConfigureAwait(false);
            }
            catch (TensorOneRequestFailedException ex) when (ex.Status == 400)
            {
                // The server refuses even a documented filter: read one by one from now on.
                _countReads(1);
                _listingRefused = true;
                return active.Where(w => !shown.Contains(w)).ToArray();
            }
            catch (TensorOneRequestFailedException ex)
            {
                _countReads(1);
                _noteFailure(active, ex);
                return Array.Empty<WatchedCluster>();
            }

            _countReads(read.Listing.Pages);
            if (read.FilterIgnored)
            {
                // A server that ignores the status filter would have us read the whole account every round.
                _listingRefused = true;
                return active.Where(w => !shown.Contains(w)).ToArray();
            }

            _plan.Learn(status, read.Listing.DeclaredTotal ?? read.Listing.Clusters);
            var now = _time.GetUtcNow();
            foreach (var watch in active)
            {
                if (read.Seen.TryGetValue(watch.ClusterId, out var cluster))
                {
                    watch.Observe(cluster, askedAt, now);
                    shown.Add(watch);
                }
            }
        }

        var missing = active.Where(w => !shown.Contains(w)).ToList();
        return missing.Count > LeaversWorthListing ? await PollLeaversByListAsync(missing).ConfigureAwait(false) : missing.ToArray();
    }

    /// <summary>
    /// Many clusters left the transitional lists at once (a batch ending together): the lists of clusters
    /// in the operation's end states, one status at a time, can cost fewer requests than one read each,
    /// when the account holds few such clusters. The usual end is read first; the next only for the many
    /// it did not show. Only while it is cheaper: a list is read only if, as big as it was last seen, its
    /// pages fit half the reads it would save, and whatever the lists did not show is read by id.
    /// </summary>
    private async Task<WatchedCluster[]> PollLeaversByListAsync(List<WatchedCluster> leavers)
    {
        var unread = new List<WatchedCluster>();
        foreach (var kind in leavers.GroupBy(w => w.Kind))
        {
            var left = kind.ToList();
            foreach (var status in StatusReadPlan.EndStates(kind.Key))
            {
                if (left.Count <= LeaversWorthListing || !_plan.EndListPaysFor(status, left.Count))
                {
                    break;
                }

                left = await ReadEndListAsync(status, left).ConfigureAwait(false);
            }

            unread.AddRange(left);
        }

        return unread.ToArray();
    }

    /// <summary>Reads the list of <paramref name="status"/> for <paramref name="leavers"/>; returns those it did not end.</summary>
    private async Task<List<WatchedCluster>> ReadEndListAsync(string status, List<WatchedCluster> leavers)
    {
        var budget = StatusReadPlan.Budget(leavers.Count);
        var askedAt = _time.GetUtcNow();
        WatchedListing read;
        try
        {
            // Once the server says how long the list is, read on only if all of it fits the budget.
            read = await ReadWatchedAsync(status, leavers, (page, seen) =>
                !(page.DeclaredTotal is { } total && (total + TensorOneClient.PageSize - 1) / TensorOneClient.PageSize > budget)
                && seen < leavers.Count && page.Number < budget).ConfigureAwait(false);
        }
        catch (TensorOneRequestFailedException)
        {
            // Reading them one by one still works.
            _countReads(1);
            return leavers;
        }

        _countReads(read.Listing.Pages);
        _plan.Learn(status, read.Listing.DeclaredTotal);

        var now = _time.GetUtcNow();
        var unread = new List<WatchedCluster>();
        foreach (var watch in leavers)
        {
            // A watched cluster the list showed is a real read of it, even from a server that ignored the filter.
            if (!read.Seen.TryGetValue(watch.ClusterId, out var cluster) || !watch.Observe(cluster, askedAt, now))
            {
                // Not listed, or listed in a state that does not end this wait (a restart not yet seen under way): read it.
                unread.Add(watch);
            }
        }

        return unread;
    }

    /// <summary>
    /// Walks the list filtered on <paramref name="status"/>, keeping only the watched clusters, so memory
    /// does not grow with the account. Stops at the end, when <paramref name="readOn"/> (given the page
    /// and how many watched clusters were seen so far) says so, or when the server shows it ignores the
    /// filter (a row in another status): that list would be the whole account.
    /// </summary>
    private async Task<WatchedListing> ReadWatchedAsync(string status, IReadOnlyCollection<WatchedCluster> watches, Func<ClusterListPage, int, bool> readOn)
    {
        var watched = new HashSet<string>(watches.Select(w => w.ClusterId), StringComparer.Ordinal);
        var seen = new Dictionary<string, ClusterInfo>(StringComparer.Ordinal);
        var filterIgnored = false;
        var stream = _client.ListClusters(new ListClustersQuery { Status = status, IncludeDetails = false });
        await foreach (var page in stream.PagesAsync(_cancellationToken).ConfigureAwait(false))
        {
            foreach (var cluster in page.Where(c => watched.Contains(c.Id)))
            {
                seen[cluster.Id] = cluster;
            }
            filterIgnored = page.Any(c => !string.Equals(c.Status, status, StringComparison.OrdinalIgnoreCase));
            if (filterIgnored || !readOn(page, seen.Count))
            {
                break;
            }
        }

        return new WatchedListing(stream.Listing, seen, filterIgnored);
    }

    private sealed record WatchedListing(ClusterListing Listing, Dictionary<string, ClusterInfo> Seen, bool FilterIgnored);
}
