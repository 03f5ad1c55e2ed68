using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using TensorOne.Simulator.Requests;

namespace TensorOne.Simulator.Routes;

/// <summary>The query of <c>GET /clusters</c>, validated.</summary>
internal sealed record ListClustersQuery(
    int Page,
    int Limit,
    IReadOnlySet<string>? Statuses,
    string? Search,
    string? GpuType,
    string? Region,
    string? ProjectId,
    string? SortBy,
    bool Descending,
    bool IncludeMetrics,
    bool IncludeCostBreakdown)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static bool TryParse(IQueryCollection query, [NotNullWhen(true)] out ListClustersQuery? parsed, [NotNullWhen(false)] out ValidationFailure? failure)
    {
        parsed = null;
        if ((failure = DocumentedQuery.ListClusters.Check(query)) is not null
            || !QueryValues.TryGetInt(query, "page", 1, 1, int.MaxValue, out var page, out failure)
            || !QueryValues.TryGetInt(query, "limit", DefaultLimit, 1, MaxLimit, out var limit, out failure)
            || !QueryValues.TryGetFlag(query, "include_metrics", true, out var includeMetrics, out failure))
        {
            return false;
        }

        // One value, checked against the documented ones above.
        HashSet<string>? statuses = QueryValues.GetText(query, "status") is { } status ? [status] : null;

        var sortBy = QueryValues.GetText(query, "sort_by");
        var sortOrder = QueryValues.GetText(query, "sort_order") ?? "asc";

        parsed = new ListClustersQuery(
            page,
            limit,
            statuses,
            QueryValues.GetText(query, "search"),
            QueryValues.GetText(query, "gpu_type"),
            QueryValues.GetText(query, "region"),
            QueryValues.GetText(query, "project_id"),
            sortBy,
            sortOrder == "desc",
            includeMetrics,

            // The list documents no include_cost_breakdown: rows carry the API's default.
            IncludeCostBreakdown: true);
        return true;
    }

    public bool Matches(ClusterView view) =>
        (Statuses is null || Statuses.Contains(view.Status))
        && (Search is null || view.Name.Contains(Search, StringComparison.OrdinalIgnoreCase) || view.Id.Contains(Search, StringComparison.OrdinalIgnoreCase))
        && (GpuType is null || string.Equals(view.GpuType, GpuType, StringComparison.OrdinalIgnoreCase))
        && (Region is null || string.Equals(view.Region, Region, StringComparison.OrdinalIgnoreCase))
        && (ProjectId is null || string.Equals(view.ProjectId, ProjectId, StringComparison.Ordinal));

    /// <summary>Sorted, with insertion order breaking ties so that paging is deterministic.</summary>
    public IEnumerable<ClusterView> Sort(IEnumerable<ClusterView> views) => SortBy switch
    {
        ClusterSortKey.Name => Order(views, v => v.Name, StringComparer.OrdinalIgnoreCase),
        ClusterSortKey.Status => Order(views, v => v.Status, StringComparer.Ordinal),
        ClusterSortKey.LastAccessed => Order(views, v => v.LastAccessed, Comparer<DateTimeOffset>.Default),
        ClusterSortKey.GpuType => Order(views, v => v.GpuType, StringComparer.OrdinalIgnoreCase),
        ClusterSortKey.HourlyRate => Order(views, v => v.HourlyRate, Comparer<double>.Default),
        ClusterSortKey.CreatedAt => Order(views, v => v.CreatedAt, Comparer<DateTimeOffset>.Default),
        _ => Order(views, v => v.Sequence, Comparer<long>.Default),
    };

    private IEnumerable<ClusterView> Order<TKey>(IEnumerable<ClusterView> views, Func<ClusterView, TKey> key, IComparer<TKey> comparer) =>
        (Descending ? views.OrderByDescending(key, comparer) : views.OrderBy(key, comparer)).ThenBy(v => v.Sequence);
}

/// <summary>The <c>sort_by</c> values the list accepts.</summary>
internal static class ClusterSortKey
{
    public const string CreatedAt = "created_at";
    public const string Name = "name";
    public const string Status = "status";
    public const string LastAccessed = "last_accessed";
    public const string GpuType = "gpu_type";
    public const string HourlyRate = "hourly_rate";

    public static IReadOnlyList<string> All { get; } = [CreatedAt, Name, Status, LastAccessed, GpuType, HourlyRate];
}
