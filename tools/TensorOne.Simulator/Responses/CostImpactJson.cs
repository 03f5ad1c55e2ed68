using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

internal sealed record CostImpactJson(
    [property: JsonPropertyName("hourly_rate_saved")] double HourlyRateSaved,
    [property: JsonPropertyName("session_cost_final")] double SessionCostFinal,
    [property: JsonPropertyName("billing_stopped_at")] DateTime BillingStoppedAt);
