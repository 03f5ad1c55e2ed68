using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

internal sealed record DataPreservationJson(
    [property: JsonPropertyName("volumes_preserved")] IReadOnlyList<string> VolumesPreserved,
    [property: JsonPropertyName("snapshots_created")] int SnapshotsCreated);
