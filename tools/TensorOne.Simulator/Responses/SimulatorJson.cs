using System.Text.Encodings.Web;
using System.Text.Json;

namespace TensorOne.Simulator.Responses;

/// <summary>
/// The serializer context the simulator writes with. The relaxed encoder keeps quotes and angle
/// brackets in messages readable; the answers are JSON for API clients, never embedded in HTML.
/// </summary>
internal static class SimulatorJson
{
    public static SimulatorJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
