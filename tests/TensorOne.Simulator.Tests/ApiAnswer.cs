using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TensorOne.Simulator.Tests;

/// <summary>One HTTP answer of the simulator, its body already parsed.</summary>
internal sealed record ApiAnswer(HttpStatusCode Status, JsonElement Body, HttpResponseHeaders Headers, string? MediaType)
{
    public string Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
