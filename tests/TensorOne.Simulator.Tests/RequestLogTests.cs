namespace TensorOne.Simulator.Tests;

public sealed class RequestLogTests
{
    [Fact]
    public async Task RecordsHeadersBodyAndAnsweredStatusInArrivalOrder()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_a", "a"));
        using var client = new SimulatorClient(server);
        using var stranger = new SimulatorClient(server, "tpo_test_wrong");

        await client.PostAsync("/clusters/cluster_a/stop", """{"stop_reason":"nightly"}""", idempotencyKey: "idem-1");
        await stranger.GetAsync("/clusters/cluster_a");
        await client.GetAsync("/clusters/cluster_zzz");

        var log = server.State.Requests;
        Assert.Equal(3, log.Count);

        var stop = log[0];
        Assert.Equal("POST", stop.Method);
        Assert.Equal("/v2/clusters/cluster_a/stop", stop.Path);
        Assert.Equal(200, stop.StatusCode);
        Assert.Equal("cluster_a", stop.ClusterId);
        Assert.Equal("""{"stop_reason":"nightly"}""", stop.Body);
        Assert.Equal("Bearer tpo_test_simulator_key", stop.Headers["authorization"]);
        Assert.Equal("idem-1", stop.Headers["Idempotency-Key"]);
        Assert.StartsWith("application/json", stop.Headers["content-type"], StringComparison.Ordinal);
        Assert.StartsWith("TensorOne.Simulator.Tests", stop.Headers["User-Agent"], StringComparison.Ordinal);

        Assert.Equal(401, log[1].StatusCode);
        Assert.Equal("Bearer tpo_test_wrong", log[1].Headers["Authorization"]);
        Assert.Equal(404, log[2].StatusCode);
        Assert.Equal("cluster_zzz", log[2].ClusterId);

        server.State.ClearRequests();
        Assert.Empty(server.State.Requests);
    }

    [Fact]
    public async Task CountsRequestsReceivedAndInFlightAcrossAClearedLog()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions { Latency = TimeSpan.FromSeconds(5) }, ("cluster_a", "a"));
        using var client = new SimulatorClient(server);

        // Held by the latency: received, not answered yet.
        var slow = client.GetAsync("/clusters/cluster_a");
        var guard = DateTime.UtcNow.AddSeconds(30);
        while (server.State.Received < 1 && DateTime.UtcNow < guard)
        {
            await Task.Delay(10);
        }

        Assert.False(slow.IsCompleted);
        Assert.Equal(1, server.State.InFlight);

        await slow;
        Assert.Equal(0, server.State.InFlight);
        Assert.Single(server.State.Requests);

        server.State.ClearRequests();
        Assert.Equal(1, server.State.Received);
        Assert.Equal(0, server.State.InFlight);
    }
}
