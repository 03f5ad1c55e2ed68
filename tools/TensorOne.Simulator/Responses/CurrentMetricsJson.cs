using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

internal sealed record CurrentMetricsJson(
    [property: JsonPropertyName("gpu_utilization")] double GpuUtilization,
    [property: JsonPropertyName("memory_utilization")] double MemoryUtilization);
