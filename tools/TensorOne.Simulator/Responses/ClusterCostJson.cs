using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

internal sealed record ClusterCostJson(
    [property: JsonPropertyName("hourly_rate")] double HourlyRate,
    [property: JsonPropertyName("currency")] string Currency);
