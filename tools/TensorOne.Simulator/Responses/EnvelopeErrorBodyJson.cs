using System.Text.Json.Serialization;

namespace TensorOne.Simulator.Responses;

internal sealed record EnvelopeErrorBodyJson(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("details")] IReadOnlyDictionary<string, string> Details);
