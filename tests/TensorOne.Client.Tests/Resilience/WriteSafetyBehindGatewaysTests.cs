namespace TensorOne.Client.Tests.Resilience;

/// <summary>
/// Writes behind a gateway that answers its own page after the API committed, and against reads that
/// lag the writes: each write is committed once, reported as done when a read confirms it, and
/// otherwise said unknown with exactly what was sent, never sent again.
/// </summary>
public sealed class WriteSafetyBehindGatewaysTests
{
    [Theory]
    [InlineData(ResponseShape.Envelope, "restart")]
    [InlineData(ResponseShape.Bare, "restart")]
    [InlineData(ResponseShape.Envelope, "stop")]
    [InlineData(ResponseShape.Bare, "stop")]
    public async Task A_gateway_503_page_after_the_api_committed_is_one_operation_confirmed_by_a_read(ResponseShape shape, string action)
    {
        await using var server = await Start(shape, FaultKind.GatewayPageAfterCommit, action);
        var log = new LogCollector();
        using var client = FaultyClient.For(server, log);

        var result = await Send(client, action);

        Assert.Equal("cluster_w", result.Id);
        Assert.Equal(action == "stop" ? "stopping" : "restarting", result.Status);
        Assert.Equal(1, Committed(server, action));
        Assert.Single(FaultyClient.Posts(server, "cluster_w"));
        Assert.Contains(log.Messages(ClientLogLevel.Verbose), m => m.Contains("got through; it is not sent again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_gateway_503_page_before_reads_catch_up_is_confirmed_by_a_later_read()
    {
        // Row 2b: the restart is committed and runs for a while; reads lag it by 2 s.
        await using var server = await Start(ResponseShape.Bare, FaultKind.GatewayPageAfterCommit, "restart", lag: TimeSpan.FromSeconds(2));
        using var client = FaultyClient.For(server, configure: o => o.ReadBackInterval = TimeSpan.FromSeconds(2));

        var result = await client.RestartClusterAsync("cluster_w");

        Assert.Equal("restarting", result.Status);
        Assert.True(result.AlreadyInProgress);
        Assert.Equal(1, server.State.CommittedRestarts("cluster_w"));
        Assert.Single(FaultyClient.Posts(server, "cluster_w"));
        Assert.True(server.State.Requests.Count(r => r.Method == "GET") >= 2, "the first read shows the old state; only a later one confirms");
    }

    [Fact]
    public async Task A_quick_restart_whose_answer_is_lost_behind_lagging_reads_is_said_unknown_and_never_sent_twice()
    {
        // Row 2: bare shape, a restart over at once, reads 2 s behind: no read can prove it either way.
        await using var server = await Start(ResponseShape.Bare, FaultKind.ResetAfterHandler, "restart", lag: TimeSpan.FromSeconds(2), restartSeconds: 0);
        using var client = FaultyClient.For(server, configure: o => o.ReadBackInterval = TimeSpan.FromSeconds(2));

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.RestartClusterAsync("cluster_w"));

        Assert.Equal(TensorOneFailureKind.OutcomeUnknown, failure.Kind);
        Assert.Equal(1, server.State.CommittedRestarts("cluster_w"));
        var post = Assert.Single(FaultyClient.Posts(server, "cluster_w"));
        Assert.Contains("POST /clusters/cluster_w/restart was sent once", failure.Message, StringComparison.Ordinal);
        Assert.Contains("the connection dropped before its answer came", failure.Message, StringComparison.Ordinal);
        Assert.Contains("3 reads afterwards show it 'running'", failure.Message, StringComparison.Ordinal);
        Assert.Contains(post.Headers["Idempotency-Key"], failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_page_for_a_restart_that_never_reached_the_api_is_said_unknown_not_sent_again()
    {
        // The gateway's 502 page came instead of the API: nothing was committed, but nothing proves that.
        await using var server = await Start(ResponseShape.Envelope, FaultKind.HtmlErrorPage, "restart");
        using var client = FaultyClient.For(server);

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.RestartClusterAsync("cluster_w"));

        Assert.Equal(TensorOneFailureKind.OutcomeUnknown, failure.Kind);
        Assert.Contains("HTTP 502 from something in front of the API (a gateway or proxy), not the API's own answer", failure.Message, StringComparison.Ordinal);
        Assert.Single(FaultyClient.Posts(server, "cluster_w"));
        Assert.Equal(0, server.State.CommittedRestarts("cluster_w"));
    }

    [Theory]
    [InlineData("restart", "restarting")]
    [InlineData("stop", "stopping")]
    public async Task A_409_on_the_resend_of_the_callers_own_committed_operation_is_that_operation(string action, string status)
    {
        // The API's own 503 says "not processed", so the write is sent again; it had been processed after all.
        await using var server = await Start(ResponseShape.Envelope, FaultKind.ServiceUnavailableAfterCommit, action);
        using var client = FaultyClient.For(server);

        var result = await Send(client, action);

        Assert.Equal(status, result.Status);
        Assert.True(result.AlreadyInProgress);
        Assert.Equal(1, Committed(server, action));
        var posts = FaultyClient.Posts(server, "cluster_w");
        Assert.Equal(2, posts.Count);
        Assert.Equal(409, posts[1].StatusCode);
        Assert.Single(posts.Select(p => p.Headers["Idempotency-Key"]).Distinct());
    }

    [Fact]
    public async Task A_409_for_someone_elses_restart_in_progress_is_still_a_refusal()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions { RestartPhaseSeconds = 30 }, ("cluster_w", "w"));
        using (var other = FaultyClient.For(server))
        {
            await other.RestartClusterAsync("cluster_w");
        }

        using var client = FaultyClient.For(server);
        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.RestartClusterAsync("cluster_w"));

        Assert.True(failure.IsInvalidState);
        Assert.Equal(1, server.State.CommittedRestarts("cluster_w"));
    }

    private static Task<Models.ClusterOperationResult> Send(TensorOneClient client, string action) =>
        action == "stop" ? client.StopClusterAsync("cluster_w") : client.RestartClusterAsync("cluster_w");

    private static int Committed(SimulatorServer server, string action) =>
        action == "stop" ? server.State.CommittedStops("cluster_w") : server.State.CommittedRestarts("cluster_w");

    private static async Task<SimulatorServer> Start(ResponseShape shape, FaultKind kind, string action, TimeSpan? lag = null, double restartSeconds = 30)
    {
        var server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Shape = shape,
            StopPhaseSeconds = 30,
            RestartPhaseSeconds = restartSeconds,
            ReadLag = lag ?? TimeSpan.Zero,
        });
        server.State.AddCluster("cluster_w", "w");
        server.Options.Faults.Add(kind, 1, "POST", "/" + action + "$", limit: 1);
        return server;
    }
}
