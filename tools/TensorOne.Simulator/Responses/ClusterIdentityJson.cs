using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

/// <summary>
/// The fields a cluster and a stop or restart answer open with. System.Text.Json writes a base
/// type's properties after the derived type's: the order attributes keep them first, as the reference shows them.
/// </summary>
internal abstract class ClusterIdentityJson
{
    [JsonPropertyName("id")]
    [JsonPropertyOrder(-3)]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    [JsonPropertyOrder(-2)]
    public required string Name { get; init; }

    [JsonPropertyName("status")]
    [JsonPropertyOrder(-1)]
    public required string Status { get; init; }
}
