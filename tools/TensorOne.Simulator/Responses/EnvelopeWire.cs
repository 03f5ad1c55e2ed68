using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

/// <summary>The envelope's <c>meta</c>; the wait flags appear only on the operation that has them.</summary>
internal sealed record ResponseMetaJson(
    [property: JsonPropertyName("request_id")] string RequestId)
{
    [JsonPropertyName("wait_for_completion")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? WaitForCompletion { get; init; }

    [JsonPropertyName("wait_for_ready")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? WaitForReady { get; init; }
}

internal sealed record SuccessEnvelope<T>(
    [property: JsonPropertyName("data")] T Data,
    [property: JsonPropertyName("meta")] ResponseMetaJson Meta)
{
    [JsonPropertyName("success")]
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
