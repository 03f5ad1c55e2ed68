using TensorOne.Client.Models;

namespace TensorOne.Client.Waiting;

/// <summary>
/// Which lists a <see cref="ClusterWatcher"/> reads, and when they are worth a request. The list's
/// <c>status</c> filter documents one value of running, stopped, starting, stopping, error or pending,
/// so every list read here is filtered on exactly one of those: <c>restarting</c>, and several values
/// joined by commas, are what only a lenient server would answer. A list costs a page per hundred
/// clusters in that status (ours and anyone else's); what was learned of each status's size decides
/// whether its pages cost less than the reads by id they replace.
/// </summary>
internal sealed class StatusReadPlan
{
    private static readonly string[] Filterable =
    [
        ClusterStatus.Running, ClusterStatus.Stopped, ClusterStatus.Starting, ClusterStatus.Stopping, ClusterStatus.Error, ClusterStatus.Pending,
    ];

    private readonly Dictionary<string, int> _knownTotals = new(StringComparer.Ordinal);

    /// <summary>
    /// The documented statuses an operation of the watched kinds passes through, one list each. A
    /// restart of a running cluster shows <c>restarting</c>, which no documented list holds: those
    /// clusters are read by id (see <see cref="CanList"/>).
    /// </summary>
    public static IReadOnlyList<string> InFlight(IEnumerable<ClusterOperationKind> kinds)
    {
        var distinct = kinds.Distinct().ToList();
        var statuses = new List<string> { ClusterStatus.Stopping };
        if (distinct.Contains(ClusterOperationKind.Restart))
        {
            statuses.Add(ClusterStatus.Starting);
        }

        return statuses;
    }

    /// <summary>Where an operation of <paramref name="kind"/> ends, the usual end first: one list each, read in this order.</summary>
    public static IReadOnlyList<string> EndStates(ClusterOperationKind kind) =>
        kind == ClusterOperationKind.Stop
            ? [ClusterStatus.Stopped, ClusterStatus.Error]
            : [ClusterStatus.Running, ClusterStatus.Error];

    /// <summary>
    /// Whether a list can show a cluster last known in <paramref name="status"/> (unknown counts as
    /// yes): a cluster in a status no documented filter holds is in no list, so leaving a list tells
    /// nothing of it.
    /// </summary>
    public static bool CanList(string? status) =>
        status is null || Filterable.Contains(status, StringComparer.OrdinalIgnoreCase);

    /// <summary>The most pages a list of clusters in an end state may take to settle <paramref name="leavers"/>: half the reads by id it saves.</summary>
    public static int Budget(int leavers) => Math.Max(1, leavers / 2);

    /// <summary>Remembers how many clusters the server said are in <paramref name="status"/>, when it said.</summary>
    public void Learn(string status, int? total)
    {
        if (total is { } known)
        {
            _knownTotals[status] = known;
        }
    }

    /// <summary>Pages a list of <paramref name="status"/> costs, as far as is known (one until the server says).</summary>
    public int PagesOf(string status) =>
        _knownTotals.TryGetValue(status, out var total) ? Math.Max(1, (total + TensorOneClient.PageSize - 1) / TensorOneClient.PageSize) : 1;

    /// <summary>Whether the in-flight lists cost fewer requests than reading each of <paramref name="watching"/> clusters.</summary>
    public bool ListsPayFor(IReadOnlyList<string> statuses, int watching) => statuses.Sum(PagesOf) < watching;

    /// <summary>Whether the list of <paramref name="status"/>, as big as it was last seen, fits the budget of <paramref name="leavers"/>.</summary>
    public bool EndListPaysFor(string status, int leavers) => PagesOf(status) <= Budget(leavers);
}
