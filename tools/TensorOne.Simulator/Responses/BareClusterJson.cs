using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

/// <summary>A cluster in the bare shape: the camelCase object of the generated reference, nothing more.</summary>
internal sealed record BareClusterJson(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("gpuType")] string GpuType,
    [property: JsonPropertyName("containerDiskSize")] int ContainerDiskSize,
    [property: JsonPropertyName("volumeSize")] int VolumeSize,
    [property: JsonPropertyName("createdAt")] DateTime CreatedAt,
    [property: JsonPropertyName("lastAccessed")] DateTime LastAccessed);
