using System.Net;
using System.Text.Json;

namespace TensorOne.Simulator.Tests;

public sealed class StopClusterTests
{
    [Fact]
    public async Task GracefulStopWalksThroughThePhasesOnTheClock()
    {
        var clock = TestClock.Create();
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { TimeProvider = clock });
        server.State.AddCluster("cluster_abc123", "ml-training-cluster", hourlyRate: 12.5);
        using var client = new SimulatorClient(server);

        var stop = await client.PostAsync("/clusters/cluster_abc123/stop", """{"grace_period_minutes": 10, "stop_reason": "Scheduled maintenance"}""");

        Assert.Equal(HttpStatusCode.OK, stop.Status);
        var data = stop.Body.GetProperty("data");
        Assert.Equal("stopping", data.GetProperty("status").GetString());
        Assert.Equal("graceful", data.GetProperty("stop_type").GetString());
        Assert.Equal(10, data.GetProperty("grace_period_minutes").GetInt32());
        Assert.Equal("2025-01-15T16:30:00Z", data.GetProperty("stop_initiated_at").GetString());
        Assert.Equal("2025-01-15T16:30:04Z", data.GetProperty("estimated_stop_time").GetString());
        Assert.Equal(12.5, data.GetProperty("cost_impact").GetProperty("hourly_rate_saved").GetDouble());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("snapshot_creation").GetProperty("snapshot_id").ValueKind);
        AssertProgress(data.GetProperty("stop_progress"), "notifying_processes", 0, 0, 4);
        Assert.False(stop.Body.GetProperty("meta").GetProperty("wait_for_completion").GetBoolean());

        clock.Advance(TimeSpan.FromSeconds(1.5));
        var midway = (await client.GetAsync("/clusters/cluster_abc123?include_metrics=false&include_cost_breakdown=false")).Body.GetProperty("data");
        Assert.Equal("stopping", midway.GetProperty("status").GetString());
        AssertProgress(midway.GetProperty("stop_progress"), "waiting_for_graceful_exit", 37, 1, 4);
        Assert.False(midway.TryGetProperty("metrics", out _));
        Assert.False(midway.TryGetProperty("cost_breakdown", out _));

        clock.Advance(TimeSpan.FromSeconds(2.5));
        var done = (await client.GetAsync("/clusters/cluster_abc123")).Body.GetProperty("data");
        Assert.Equal("stopped", done.GetProperty("status").GetString());
        Assert.False(done.TryGetProperty("stop_progress", out _));
        Assert.Equal(0, done.GetProperty("uptime_seconds").GetInt64());
        Assert.Equal(1, server.State.CommittedStops("cluster_abc123"));
        Assert.Contains("Scheduled maintenance", server.State.Find("cluster_abc123")!.LastStopRequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForcedStopWithSnapshotSkipsTheGracefulPhases()
    {
        var clock = TestClock.Create();
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions { TimeProvider = clock }, ("cluster_abc123", "ml-training-cluster"));
        using var client = new SimulatorClient(server);

        var data = (await client.PostAsync("/clusters/cluster_abc123/stop", """{"force": true, "snapshot_name": "emergency_stop"}""")).Body.GetProperty("data");

        Assert.Equal("immediate", data.GetProperty("stop_type").GetString());
        AssertProgress(data.GetProperty("stop_progress"), "creating_snapshot", 0, 0, 3);
        var snapshot = data.GetProperty("snapshot_creation");
        Assert.True(snapshot.GetProperty("enabled").GetBoolean());
        Assert.Matches("^snap_[0-9a-f]{8}$", snapshot.GetProperty("snapshot_id").GetString());
        Assert.Equal("emergency_stop", snapshot.GetProperty("snapshot_name").GetString());
        Assert.Equal(1, data.GetProperty("data_preservation").GetProperty("snapshots_created").GetInt32());
    }

    [Fact]
    public async Task ZeroPhaseSecondsStopsAtOnce()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions { StopPhaseSeconds = 0 }, ("cluster_a", "a"));
        using var client = new SimulatorClient(server);

        await client.PostAsync("/clusters/cluster_a/stop");
        var answer = await client.GetAsync("/clusters/cluster_a");

        Assert.Equal("stopped", answer.Body.GetProperty("data").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ConcurrentStopsOfOneClusterAreAcceptedOnce()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_a", "a"));
        using var client = new SimulatorClient(server);

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.PostAsync("/clusters/cluster_a/stop")));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.Status));
        Assert.Equal(1, server.State.CommittedStops("cluster_a"));
        Assert.Equal(16, server.State.Requests.Count);
    }

    [Theory]
    [InlineData("stopped", "Cluster is already stopped")]
    [InlineData("stopping", "Cluster is already stopping")]
    public async Task StoppingAClusterThatIsNotRunningIsAnInvalidState(string status, string suggestion)
    {
        await using var server = await SimulatorServer.StartAsync();
        server.State.AddCluster("cluster_a", "a", status);
        using var client = new SimulatorClient(server);

        var answer = await client.PostAsync("/clusters/cluster_a/stop", "{}");

        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
        var error = answer.Body.GetProperty("error");
        Assert.Equal("INVALID_STATE", error.GetProperty("code").GetString());
        var details = error.GetProperty("details");
        Assert.Equal(status, details.GetProperty("current_status").GetString());
        Assert.Equal("running", details.GetProperty("required_status").GetString());
        Assert.Equal(suggestion, details.GetProperty("suggestion").GetString());
        Assert.Equal(0, server.State.CommittedStops("cluster_a"));
    }

    [Theory]
    [InlineData("""{"grace_period_minutes": 31}""", "grace_period_minutes")]
    [InlineData("""{"timeout_minutes": 0}""", "timeout_minutes")]
    [InlineData("""{"force": "yes"}""", "force")]
    [InlineData("""{"notify_users": "user_123"}""", "notify_users")]
    [InlineData("[]", "body")]
    public async Task InvalidBodyIsAValidationErrorNamingTheField(string body, string field)
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_a", "a"));
        using var client = new SimulatorClient(server);

        var answer = await client.PostAsync("/clusters/cluster_a/stop", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        var error = answer.Body.GetProperty("error");
        Assert.Equal("VALIDATION_ERROR", error.GetProperty("code").GetString());
        Assert.Equal(field, error.GetProperty("details").GetProperty("field").GetString());
        Assert.Equal("running", server.State.Find("cluster_a")!.Status);
    }

    private static void AssertProgress(JsonElement progress, string phase, int percentage, int stepsCompleted, int totalSteps)
    {
        Assert.Equal(phase, progress.GetProperty("phase").GetString());
        Assert.Equal(percentage, progress.GetProperty("percentage").GetInt32());
        Assert.Equal(stepsCompleted, progress.GetProperty("steps_completed").GetInt32());
        Assert.Equal(totalSteps, progress.GetProperty("total_steps").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(progress.GetProperty("current_step").GetString()));
    }
}
