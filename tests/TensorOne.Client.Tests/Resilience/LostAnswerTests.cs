namespace TensorOne.Client.Tests.Resilience;

/// <summary>
/// Answers lost after the server acted: the client must find out what happened without doing it twice.
/// "After handler" faults commit the operation on the server and spoil only what the client receives.
/// </summary>
public sealed class LostAnswerTests
{
    [Theory]
    [InlineData(FaultKind.ResetAfterHandler)]
    [InlineData(FaultKind.SlowAfterHandler)]
    public async Task A_stop_whose_answer_is_lost_is_not_sent_again_and_a_read_confirms_it(FaultKind kind)
    {
        await using var server = await Start(kind, "/stop$");
        var log = new LogCollector();
        // Well above a loaded machine's slowest honest answer (seen above 1 s at load 14), well below the fault's 20 s.
        using var client = FaultyClient.For(server, log, o => o.AttemptTimeout = TimeSpan.FromSeconds(5));

        var result = await client.StopClusterAsync("cluster_l");

        Assert.Equal("cluster_l", result.Id);
        Assert.Equal("stopping", result.Status);
        Assert.True(result.AlreadyInProgress);
        Assert.Equal(1, server.State.CommittedStops("cluster_l"));
        await AssertSentOnceAndReadBackOnceAsync(server); // the post and the read back
        Assert.Contains(log.Messages(ClientLogLevel.Verbose), m => m.Contains("that stop got through", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(FaultKind.EmptyBody)]
    [InlineData(FaultKind.MalformedJson)]
    [InlineData(FaultKind.HugeBody)]
    public async Task A_stop_accepted_with_an_unreadable_answer_is_confirmed_by_a_read_not_sent_again(FaultKind kind)
    {
        await using var server = await Start(kind, "/stop$");
        server.Options.Faults.HugeBodyBytes = 200_000;
        using var client = FaultyClient.For(server, configure: o => o.MaxResponseBytes = 64 * 1024);

        var result = await client.StopClusterAsync("cluster_l");

        Assert.Equal("stopping", result.Status);
        Assert.Equal(1, server.State.CommittedStops("cluster_l"));
        await AssertSentOnceAndReadBackOnceAsync(server);
    }

    [Fact]
    public async Task A_stop_whose_answer_is_lost_is_found_committed_without_meeting_the_later_faults()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_l", "l"));
        server.Options.Faults
            .Add(FaultKind.ResetAfterHandler, 1, "POST", limit: 1)
            .Add(FaultKind.ServiceUnavailable, 1, "POST");
        using var client = FaultyClient.For(server, configure: o => o.MaxRetryAttempts = 3);

        var result = await client.StopClusterAsync("cluster_l");

        Assert.Equal("stopping", result.Status);
        Assert.Equal(1, server.State.CommittedStops("cluster_l"));
        Assert.Single(FaultyClient.Posts(server, "cluster_l"));
    }

    [Fact]
    public async Task A_stop_refused_for_a_cluster_that_was_already_stopped_is_still_an_error()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.State.AddCluster("cluster_s", "s", status: "stopped");
        using var client = FaultyClient.For(server);

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.StopClusterAsync("cluster_s"));

        Assert.True(failure.IsInvalidState);
        Assert.Equal(0, server.State.CommittedStops("cluster_s"));
    }

    [Theory]
    [InlineData(FaultKind.ResetAfterHandler, 0.2)]
    [InlineData(FaultKind.SlowAfterHandler, 0.2)]
    [InlineData(FaultKind.SlowAfterHandler, 0)] // the restart is over before the client reads: started_at tells
    [InlineData(FaultKind.MalformedJson, 0.2)]
    public async Task A_restart_whose_answer_is_lost_is_checked_with_a_read_and_never_sent_twice(FaultKind kind, double phaseSeconds)
    {
        await using var server = await Start(kind, "/restart$", o => o.RestartPhaseSeconds = phaseSeconds);
        var log = new LogCollector();
        using var client = FaultyClient.For(server, log, o => o.AttemptTimeout = TimeSpan.FromSeconds(5));

        var result = await client.RestartClusterAsync("cluster_l");

        Assert.Equal("cluster_l", result.Id);
        Assert.Equal(1, server.State.CommittedRestarts("cluster_l"));
        await AssertSentOnceAndReadBackOnceAsync(server); // the server logs a request the client walked away from when it notices
    }

    [Theory]
    [InlineData(FaultKind.ResetBeforeHandler)]
    [InlineData(FaultKind.InternalServerError)]
    [InlineData(FaultKind.BadGateway)]
    [InlineData(FaultKind.GatewayTimeout)]
    [InlineData(FaultKind.RequestTimeout)]
    public async Task A_restart_that_may_have_reached_the_api_is_never_sent_again_and_unconfirmed_is_said_unknown(FaultKind kind)
    {
        // These faults answer instead of the endpoint, so nothing was committed; but nothing the client saw proves that.
        await using var server = await Start(kind, "/restart$");
        using var client = FaultyClient.For(server);

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.RestartClusterAsync("cluster_l"));

        Assert.Equal(TensorOneFailureKind.OutcomeUnknown, failure.Kind);
        Assert.Contains("POST /clusters/cluster_l/restart was sent once", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.State.CommittedRestarts("cluster_l"));
        await SettledAsync(server, 4);
        Assert.Single(FaultyClient.Posts(server, "cluster_l"));
        Assert.Equal(3, server.State.Requests.Count(r => r.Method == "GET")); // reads a poll interval apart, none confirming
    }

    [Theory]
    [InlineData(FaultKind.ServiceUnavailable)]
    [InlineData(FaultKind.TooManyRequests)]
    public async Task A_restart_refused_before_processing_is_retried_without_a_read(FaultKind kind)
    {
        await using var server = await Start(kind, "/restart$");
        server.Options.Faults.RetryAfter = TimeSpan.Zero;
        using var client = FaultyClient.For(server);

        await client.RestartClusterAsync("cluster_l");

        Assert.Equal(1, server.State.CommittedRestarts("cluster_l"));
        Assert.Equal(2, FaultyClient.Posts(server, "cluster_l").Count);
        Assert.DoesNotContain(server.State.Requests, r => r.Method == "GET");
    }

    [Fact]
    public async Task Each_cluster_gets_its_own_idempotency_key_kept_across_its_retries()
    {
        await using var server = await SimulatorServer.StartAsync();
        var ids = server.State.SeedMany(6);
        server.Options.Faults.Seed = 7;
        server.Options.Faults.Add(FaultKind.ServiceUnavailable, 0.5, "POST");
        using var client = FaultyClient.For(server, configure: o => o.MaxRetryAttempts = 8);

        await Task.WhenAll(ids.Select(id => client.StopClusterAsync(id)));

        var keys = ids.ToDictionary(id => id, id => FaultyClient.Posts(server, id).Select(p => p.Headers["Idempotency-Key"]).Distinct().ToList());
        Assert.All(keys.Values, k => Assert.Single(k));
        Assert.Equal(ids.Count, keys.Values.Select(k => k[0]).Distinct().Count());
        Assert.True(server.State.Requests.Count > ids.Count, "the seed should have faulted some stops");
        Assert.All(ids, id => Assert.Equal(1, server.State.CommittedStops(id)));
    }

    [Fact]
    public async Task A_restart_lost_in_the_bare_shape_that_finished_in_seconds_is_not_sent_again_and_is_said_unknown()
    {
        // The bare shape has no uptime and no started_at: "running" cannot tell a quick restart from none.
        await using var server = await Start(FaultKind.ResetAfterHandler, "/restart$", o =>
        {
            o.Shape = ResponseShape.Bare;
            o.RestartPhaseSeconds = 0; // over before the client can read
        });
        server.Options.Faults.Clear();
        server.Options.Faults.Add(FaultKind.ResetAfterHandler, 1, "POST", "/restart$");
        using var client = FaultyClient.For(server);

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.RestartClusterAsync("cluster_l"));

        Assert.Equal(TensorOneFailureKind.OutcomeUnknown, failure.Kind);
        Assert.Equal("OUTCOME_UNKNOWN", failure.ErrorCode);
        await SettledAsync(server, 2);
        var post = Assert.Single(FaultyClient.Posts(server, "cluster_l"));
        Assert.Equal(1, server.State.CommittedRestarts("cluster_l"));
        Assert.Contains("Get-T1Cluster cluster_l", failure.Message, StringComparison.Ordinal);
        Assert.Contains(post.Headers["Idempotency-Key"], failure.Message, StringComparison.Ordinal);
        Assert.Equal(post.Headers["Idempotency-Key"], failure.RequestId);
    }

    [Fact]
    public async Task A_restart_lost_in_the_bare_shape_and_still_under_way_is_found_by_its_status()
    {
        await using var server = await Start(FaultKind.ResetAfterHandler, "/restart$", o => o.Shape = ResponseShape.Bare);

        using var client = FaultyClient.For(server);
        var result = await client.RestartClusterAsync("cluster_l");

        Assert.Equal("restarting", result.Status);
        await AssertRestartSentOnceAndDoneOnceAsync(server);
    }

    [Fact]
    public async Task A_restart_lost_in_the_envelope_shape_that_finished_in_seconds_is_found_by_started_at()
    {
        await using var server = await Start(FaultKind.ResetAfterHandler, "/restart$", o => o.RestartPhaseSeconds = 0); // over before the client can read
        server.Options.Faults.Clear();
        server.Options.Faults.Add(FaultKind.ResetAfterHandler, 1, "POST", "/restart$");
        using var client = FaultyClient.For(server);

        var result = await client.RestartClusterAsync("cluster_l");

        Assert.Equal("running", result.Status);
        await AssertRestartSentOnceAndDoneOnceAsync(server);
    }

    [Theory]
    [InlineData(ResponseShape.Envelope)]
    [InlineData(ResponseShape.Bare)]
    public async Task A_stop_whose_answers_are_lost_and_whose_cluster_cannot_be_read_is_said_unknown(ResponseShape shape)
    {
        await using var server = await Start(FaultKind.ResetAfterHandler, "/stop$", o => o.Shape = shape);
        server.Options.Faults.Clear();
        server.Options.Faults
            .Add(FaultKind.ResetAfterHandler, 1, "POST", "/stop$")
            .Add(FaultKind.InternalServerError, 1, "GET");
        using var client = FaultyClient.For(server);

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.StopClusterAsync("cluster_l"));

        Assert.Equal(TensorOneFailureKind.OutcomeUnknown, failure.Kind);
        Assert.Contains("Get-T1Cluster cluster_l", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.State.CommittedStops("cluster_l"));
    }

    /// <summary>One POST and one read back, once the server has logged both.</summary>
    private static async Task AssertSentOnceAndReadBackOnceAsync(SimulatorServer server)
    {
        await SettledAsync(server, 2);
        Assert.Single(FaultyClient.Posts(server, "cluster_l"));
        Assert.Single(server.State.Requests, r => r.Method == "GET");
    }

    /// <summary>The restart was posted once and the server did it once.</summary>
    private static async Task AssertRestartSentOnceAndDoneOnceAsync(SimulatorServer server)
    {
        await SettledAsync(server, 2);
        Assert.Single(FaultyClient.Posts(server, "cluster_l"));
        Assert.Equal(1, server.State.CommittedRestarts("cluster_l"));
    }

    private static Task SettledAsync(SimulatorServer server, int requests) =>
        TransientFailureTests.WaitForAsync(() => server.State.Requests.Count >= requests);

    private static async Task<SimulatorServer> Start(FaultKind kind, string path, Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions { StopPhaseSeconds = 30, RestartPhaseSeconds = 30 };
        configure?.Invoke(options);
        var server = await SimulatorServer.StartAsync(options);
        server.State.AddCluster("cluster_l", "l");
        server.Options.Faults.SlowDelay = TimeSpan.FromSeconds(20);
        server.Options.Faults.Add(kind, 1, "POST", path, limit: 1);
        return server;
    }
}
