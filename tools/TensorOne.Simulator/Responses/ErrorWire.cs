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

internal sealed record EnvelopeErrorBodyJson(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("details")] IReadOnlyDictionary<string, string> Details);

/// <summary><c>{"error":"RESOURCE_NOT_FOUND","message":...,"code":404,"details":...,"request_id":...,"timestamp":...}</c></summary>
internal sealed record BareErrorJson(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("details")] IReadOnlyDictionary<string, string> Details,
    [property: JsonPropertyName("request_id")] string RequestId,
    [property: JsonPropertyName("timestamp")] DateTime Timestamp);
