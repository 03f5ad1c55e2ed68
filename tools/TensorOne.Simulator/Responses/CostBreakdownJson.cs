using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

/// <summary>The reference names <c>include_cost_breakdown</c> but not its contents; this split is invented.</summary>
internal sealed record CostBreakdownJson(
    [property: JsonPropertyName("compute_per_hour")] double ComputePerHour,
    [property: JsonPropertyName("storage_per_hour")] double StoragePerHour,
    [property: JsonPropertyName("network_per_hour")] double NetworkPerHour,
    [property: JsonPropertyName("session_cost")] double SessionCost,
    [property: JsonPropertyName("currency")] string Currency);
