using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TensorOne.Simulator.Faults;

namespace TensorOne.Simulator.Tests;

/// <summary>A simulator with one fault on every request, and the plain HTTP the fault tests drive it with.</summary>
internal static class FaultedServer
{
    public const string StopPath = "/clusters/cluster_f/stop";

    public static async Task<SimulatorServer> StartWith(FaultKind kind, Action<FaultPlan>? configure = null, TimeProvider? clock = null)
    {
        var server = await SimulatorServer.StartAsync(new SimulatorOptions { TimeProvider = clock ?? TimeProvider.System });
        server.State.AddCluster("cluster_f", "f");
        server.Options.Faults.Add(kind, 1);
        configure?.Invoke(server.Options.Faults);
        return server;
    }

    public static HttpClient Http(SimulatorServer server, TimeSpan? timeout = null)
    {
        var http = new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Options.ApiKey);
        return http;
    }

    public static Uri Url(SimulatorServer server, string path) => new(server.BaseUri + path);

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    // The server logs a request when it is done with it, which can be just after the client has its answer or gave up.
    public static async Task<IReadOnlyList<RecordedRequest>> WaitForLogAsync(SimulatorServer server, int count)
    {
        // A guard against a hang, generous for a busy machine.
        var guard = DateTime.UtcNow.AddSeconds(30);
        while (server.State.Requests.Count < count && DateTime.UtcNow < guard)
        {
            await Task.Delay(20);
        }

        return server.State.Requests;
    }
}
