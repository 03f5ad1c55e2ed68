using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

internal sealed record ClusterListJson(
    [property: JsonPropertyName("clusters")] IReadOnlyList<ClusterJson> Clusters,
    [property: JsonPropertyName("pagination")] PaginationJson Pagination);
