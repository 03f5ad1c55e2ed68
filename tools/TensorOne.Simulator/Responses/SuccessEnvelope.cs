using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

internal sealed record SuccessEnvelope<T>(
    [property: JsonPropertyName("data")] T Data,
    [property: JsonPropertyName("meta")] ResponseMetaJson Meta)
{
    [JsonPropertyName("success")]
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
