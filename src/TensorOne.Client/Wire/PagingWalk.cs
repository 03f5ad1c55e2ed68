using System.Globalization;

namespace TensorOne.Client.Wire;

/// <summary>
/// The rules of walking a paged list whose server may speak any documented paging form, or none, or
/// misbehave: what to read next and when to stop, and when stopping leaves the listing short. Kept
/// apart from the HTTP so every rule is a plain decision on what the pages said.
/// </summary>
internal sealed class PagingWalk
{
    // A bare page of exactly the documented default size, when more was asked, is what a server that
    // ignores "limit" sends: one more page settles whether there is more.
    private const int DocumentedDefaultLimit = 20;

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly int _asked;
    private bool _saidMore;
    private bool _probing;

    public PagingWalk(int asked) => _asked = asked;

    public int Pages { get; private set; }

    public int Delivered => _seen.Count;

    public int? DeclaredTotal { get; private set; }

    /// <summary>The unreadable rows of the page last taken that no earlier page had.</summary>
    public IReadOnlyList<Models.UnreadableCluster> FreshUnreadable { get; private set; } = Array.Empty<Models.UnreadableCluster>();

    /// <summary>Set when the walk ended short of what the server declared, or could not tell.</summary>
    public string? IncompleteBecause { get; private set; }

    /// <summary>Takes a page; returns the clusters not seen before (a list that moved while read repeats some).</summary>
    public List<ClusterWire> Take(ClusterPage page)
    {
        Pages++;
        DeclaredTotal = page.Total ?? DeclaredTotal;
        var fresh = new List<ClusterWire>(page.Clusters.Count);
        foreach (var wire in page.Clusters)
        {
            if (_seen.Add(wire.Id!))
            {
                fresh.Add(wire);
            }
        }

        // Unreadable rows count as listed (the server did list them), once each, apart from real ids.
        FreshUnreadable = page.Unreadable.Where(row => _seen.Add("\0" + row.Id)).ToList();
        return fresh;
    }

    /// <summary>Whether to read page <paramref name="number"/> + 1, after <see cref="Take"/> of page <paramref name="number"/> gave <paramref name="freshCount"/> new clusters.</summary>
    public bool ShouldContinue(ClusterPage page, int number, int freshCount, int maxPages)
    {
        _probing = false;
        var said = SaysMore(page, number);
        if (page.RowCount == 0)
        {
            if (_saidMore || ShortOfTotal)
            {
                Incomplete($"page {number} came back empty");
            }

            return false;
        }

        if (freshCount == 0)
        {
            // A page of nothing new: the server ignores "page", or the list shifted under us. Reading on
            // would loop (a server that ignores "page" would be read to the page cap).
            if (said || ShortOfTotal)
            {
                Incomplete($"page {number} repeated only clusters already listed (the server may ignore the 'page' parameter)");
            }

            return false;
        }

        if (DeclaredTotal is { } total && Delivered > total)
        {
            Incomplete($"the server listed {Delivered} clusters, more than the {total} it declared (the list changed while it was read, or its paging is inconsistent)");
            return false;
        }

        _saidMore = said && !_probing;
        if (!said && ShortOfTotal)
        {
            Incomplete($"the server said there were no more pages after {Delivered} of the {DeclaredTotal} clusters it declared");
            return false;
        }

        if (said && number >= maxPages)
        {
            Incomplete($"the listing stopped at the limit of {maxPages} pages");
            return false;
        }

        return said;
    }

    private bool ShortOfTotal => DeclaredTotal is { } total && Delivered < total;

    /// <summary>Whether the page says more follow; with no paging facts, a full page may have a successor.</summary>
    private bool SaysMore(ClusterPage page, int number)
    {
        if (page.HasMore is { } more)
        {
            // A short page that says "more" is a server capping the page size: read on.
            return more;
        }

        if (page.TotalPages is { } totalPages)
        {
            return number < totalPages;
        }

        if (DeclaredTotal is { } total)
        {
            return Delivered < total;
        }

        var size = page.Limit is { } limit && limit > 0 ? Math.Min(limit, _asked) : _asked;
        if (page.RowCount >= size)
        {
            return true;
        }

        _probing = page.RowCount == DocumentedDefaultLimit && _asked > DocumentedDefaultLimit;
        return _probing;
    }

    private void Incomplete(string why) =>
        IncompleteBecause ??= string.Format(CultureInfo.InvariantCulture, "{0}; {1} clusters were listed{2}", why, Delivered, DeclaredTotal is { } t ? $" of {t} declared" : "");
}
