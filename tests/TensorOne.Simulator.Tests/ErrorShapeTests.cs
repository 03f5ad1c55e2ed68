using System.Net;
using System.Text.Json;

namespace TensorOne.Simulator.Tests;

public sealed class ErrorShapeTests
{
    [Fact]
    public async Task UnknownClusterInTheEnvelopeShape()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var client = new SimulatorClient(server);

        var answer = await client.PostAsync("/clusters/cluster_missing/stop", "{}");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.False(answer.Body.GetProperty("success").GetBoolean());
        var error = answer.Body.GetProperty("error");
        Assert.Equal("CLUSTER_NOT_FOUND", error.GetProperty("code").GetString());
        Assert.Contains("cluster_missing", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("cluster_missing", error.GetProperty("details").GetProperty("cluster_id").GetString());
        Assert.Equal(answer.Header("X-Request-Id"), answer.Body.GetProperty("meta").GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task UnknownClusterInTheBareShape()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { Shape = ResponseShape.Bare });
        using var client = new SimulatorClient(server);

        var answer = await client.GetAsync("/clusters/cluster_missing");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("RESOURCE_NOT_FOUND", answer.Body.GetProperty("error").GetString());
        Assert.Equal(404, answer.Body.GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Object, answer.Body.GetProperty("details").ValueKind);
        Assert.Equal(answer.Header("X-Request-Id"), answer.Body.GetProperty("request_id").GetString());
        Assert.True(answer.Body.GetProperty("timestamp").TryGetDateTimeOffset(out _));
        Assert.False(answer.Body.TryGetProperty("success", out _));
    }

    [Fact]
    public async Task RoutesAreAlsoServedUnderV1()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_a", "a"));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUri, "/v1/clusters/cluster_a"));
        request.Headers.Authorization = new("Bearer", server.Options.ApiKey);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/v2", server.BaseUri.AbsolutePath);
    }
}
