using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

/// <summary>The list with its paging said beside it (<c>has_more</c>, <c>total</c>, <c>page</c>, <c>limit</c>), as another part of the documentation shows.</summary>
internal sealed record DataLevelClusterListJson(
    [property: JsonPropertyName("clusters")] IReadOnlyList<ClusterJson> Clusters,
    [property: JsonPropertyName("has_more")] bool HasMore,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("limit")] int Limit);
