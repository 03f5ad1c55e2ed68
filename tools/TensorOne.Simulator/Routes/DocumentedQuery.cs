using Microsoft.AspNetCore.Http;
using TensorOne.Simulator.Requests;

namespace TensorOne.Simulator.Routes;

/// <summary>
/// The query parameters a route's documentation shows. Anything else is refused with 400
/// VALIDATION_ERROR: a parameter it does not show, one given twice, an empty value, a value it does
/// not show (a comma-joined list of statuses included). A simulator that accepts more than the API
/// promises teaches the client to depend on what the real API never said.
/// </summary>
internal sealed class DocumentedQuery
{
    private readonly Dictionary<string, QueryParameter> _parameters;

    private DocumentedQuery(params QueryParameter[] parameters) =>
        _parameters = parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary><c>GET /clusters</c>: paging, the filters, sorting, and <c>include_metrics</c> (the batch example's).</summary>
    public static DocumentedQuery ListClusters { get; } = new(
        QueryParameter.Integer("page", 1, int.MaxValue),
        QueryParameter.Integer("limit", 1, ListClustersQuery.MaxLimit),
        QueryParameter.OneOf("status", ClusterStatus.Filterable),
        QueryParameter.Text("gpu_type"),
        QueryParameter.Text("region"),
        QueryParameter.Text("project_id"),
        QueryParameter.Text("search"),
        QueryParameter.OneOf("sort_by", ClusterSortKey.All),
        QueryParameter.OneOf("sort_order", ["asc", "desc"]),
        QueryParameter.Flag("include_metrics"));

    /// <summary><c>GET /clusters/{id}</c>: the two switches a poller turns off.</summary>
    public static DocumentedQuery GetCluster { get; } = new(
        QueryParameter.Flag("include_metrics"),
        QueryParameter.Flag("include_cost_breakdown"));

    /// <summary>The writes take everything in their body; their documentation shows no query.</summary>
    public static DocumentedQuery None { get; } = new();

    /// <summary>Why the query is refused, or null when the documentation shows all of it.</summary>
    public ValidationFailure? Check(IQueryCollection query)
    {
        foreach (var (name, values) in query)
        {
            if (!_parameters.TryGetValue(name, out var parameter))
            {
                return new ValidationFailure(name, _parameters.Count == 0
                    ? "is not a documented parameter; this endpoint takes none"
                    : $"is not a documented parameter (documented: {string.Join(", ", _parameters.Keys)})");
            }

            if (values.Count != 1)
            {
                return new ValidationFailure(name, "must be given once");
            }

            if (parameter.Refuse(values[0] ?? "") is { } reason)
            {
                return new ValidationFailure(name, reason);
            }
        }

        return null;
    }
}
