using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

internal sealed record ProjectInfoJson(
    [property: JsonPropertyName("project_id")] string ProjectId,
    [property: JsonPropertyName("team_members")] IReadOnlyList<string> TeamMembers);
