using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

/// <summary><c>{"error":"RESOURCE_NOT_FOUND","message":...,"code":404,"details":...,"request_id":...,"timestamp":...}</c></summary>
internal sealed record BareErrorJson(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("details")] IReadOnlyDictionary<string, string> Details,
    [property: JsonPropertyName("request_id")] string RequestId,
    [property: JsonPropertyName("timestamp")] DateTime Timestamp);
