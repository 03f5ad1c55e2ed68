using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

/// <summary>Written with explicit nulls, as in the reference example.</summary>
internal sealed record SnapshotCreationJson(
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("snapshot_id")] string? SnapshotId,
    [property: JsonPropertyName("snapshot_name")] string? SnapshotName);
