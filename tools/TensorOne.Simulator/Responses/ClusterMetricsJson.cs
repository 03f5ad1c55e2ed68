using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

/// <summary><c>metrics</c>; the examples read <c>metrics.current.gpu_utilization</c>.</summary>
internal sealed record ClusterMetricsJson(
    [property: JsonPropertyName("current")] CurrentMetricsJson Current);
