using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

/// <summary><c>{"success":false,"error":{...},"meta":{"request_id":...}}</c></summary>
internal sealed record EnvelopeErrorJson(
    [property: JsonPropertyName("error")] EnvelopeErrorBodyJson Error,
    [property: JsonPropertyName("meta")] ResponseMetaJson Meta)
{
    [JsonPropertyName("success")]
    [JsonPropertyOrder(-1)]
    public bool Success => false;
}
