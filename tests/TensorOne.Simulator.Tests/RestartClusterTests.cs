using System.Net;

namespace TensorOne.Simulator.Tests;

public sealed class RestartClusterTests
{
    [Fact]
    public async Task RestartOfARunningClusterEndsRunning()
    {
        var clock = TestClock.Create();
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions { TimeProvider = clock }, ("cluster_a", "a"));
        using var client = new SimulatorClient(server);

        var restart = await client.PostAsync("/clusters/cluster_a/restart", """{"update_docker_image": "tensorone/pytorch:2.5", "wait_for_ready": true}""");

        Assert.Equal(HttpStatusCode.OK, restart.Status);
        var data = restart.Body.GetProperty("data");
        Assert.Equal("restarting", data.GetProperty("status").GetString());
        Assert.Equal("stopping_processes", data.GetProperty("restart_progress").GetProperty("phase").GetString());
        Assert.Equal(4, data.GetProperty("restart_progress").GetProperty("total_steps").GetInt32());
        Assert.Equal("tensorone/pytorch:2.5", data.GetProperty("docker_image").GetString());
        Assert.True(restart.Body.GetProperty("meta").GetProperty("wait_for_ready").GetBoolean());

        clock.Advance(TimeSpan.FromSeconds(2.5));
        var midway = (await client.GetAsync("/clusters/cluster_a")).Body.GetProperty("data");
        Assert.Equal("restarting", midway.GetProperty("status").GetString());
        Assert.Equal("starting_services", midway.GetProperty("restart_progress").GetProperty("phase").GetString());
        Assert.Equal("2025-01-15T16:30:04Z", midway.GetProperty("estimated_ready_time").GetString());

        clock.Advance(TimeSpan.FromSeconds(1.5));
        var done = (await client.GetAsync("/clusters/cluster_a")).Body.GetProperty("data");
        Assert.Equal("running", done.GetProperty("status").GetString());
        Assert.False(done.TryGetProperty("restart_progress", out _));
        Assert.Equal(1, server.State.CommittedRestarts("cluster_a"));
    }

    [Fact]
    public async Task RestartOfAStoppedClusterIsStartingWithoutStoppingProcesses()
    {
        var clock = TestClock.Create();
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { TimeProvider = clock });
        server.State.AddCluster("cluster_a", "a", "stopped");
        using var client = new SimulatorClient(server);

        var data = (await client.PostAsync("/clusters/cluster_a/restart")).Body.GetProperty("data");
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("starting", data.GetProperty("status").GetString());
        Assert.Equal("starting_services", data.GetProperty("restart_progress").GetProperty("phase").GetString());
        Assert.Equal("running", server.State.Find("cluster_a")!.Status);
    }

    [Fact]
    public async Task RestartWhileStoppingIsAnInvalidState()
    {
        var clock = TestClock.Create();
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions { TimeProvider = clock }, ("cluster_a", "a"));
        using var client = new SimulatorClient(server);
        await client.PostAsync("/clusters/cluster_a/stop");

        var answer = await client.PostAsync("/clusters/cluster_a/restart");

        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
        Assert.Equal("INVALID_STATE", answer.Body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("stopping", answer.Body.GetProperty("error").GetProperty("details").GetProperty("current_status").GetString());
        Assert.Equal(0, server.State.CommittedRestarts("cluster_a"));
    }
}
