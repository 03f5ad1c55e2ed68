using System.Net;
using System.Net.Sockets;

namespace TensorOne.Client.Tests.Resilience;

/// <summary>Which failures are retried, how often, and what the caller sees when retries run out.</summary>
public sealed class TransientFailureTests
{
    [Theory]
    [InlineData(FaultKind.ResetBeforeHandler)]
    [InlineData(FaultKind.RequestTimeout)]
    [InlineData(FaultKind.TooManyRequests)]
    [InlineData(FaultKind.InternalServerError)]
    [InlineData(FaultKind.BadGateway)]
    [InlineData(FaultKind.ServiceUnavailable)]
    [InlineData(FaultKind.GatewayTimeout)]
    [InlineData(FaultKind.HtmlErrorPage)]
    [InlineData(FaultKind.EmptyBody)]
    [InlineData(FaultKind.MalformedJson)]
    public async Task A_read_is_retried_through_transient_failures(FaultKind kind)
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_r", "r"));
        server.Options.Faults.RetryAfter = TimeSpan.Zero;
        server.Options.Faults.HugeBodyBytes = 200_000;
        server.Options.Faults.Add(kind, 1, limit: 2);
        var log = new LogCollector();
        using var client = FaultyClient.For(server, log, o => o.MaxResponseBytes = 64 * 1024);

        var cluster = await client.GetClusterAsync("cluster_r");

        Assert.Equal("r", cluster.Name);
        await WaitForAsync(() => server.State.Requests.Count == 3); // a huge body the client walked away from is logged late
        Assert.Equal(2, server.State.Requests.Count(r => r.Fault == kind));
        Assert.Equal(2, log.Messages(ClientLogLevel.Verbose).Count(m => m.StartsWith("Retrying GET clusters/cluster_r", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Attempts_are_bounded_and_the_last_failure_names_cluster_status_and_request_id()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_b", "b"));
        server.Options.Faults.Add(FaultKind.ServiceUnavailable, 1);
        using var client = FaultyClient.For(server, configure: o => o.MaxRetryAttempts = 3);

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.GetClusterAsync("cluster_b"));

        Assert.Equal(4, server.State.Requests.Count);
        Assert.Equal(503, failure.Status);
        Assert.Equal("SERVICE_UNAVAILABLE", failure.ErrorCode);
        Assert.Equal("cluster_b", failure.ClusterId);
        Assert.Contains("Cluster 'cluster_b'", failure.Message);
        Assert.Contains("HTTP 503", failure.Message);
        Assert.Contains("request id req_", failure.Message);
    }

    [Fact]
    public async Task A_slow_attempt_is_abandoned_at_the_attempt_timeout_and_retried()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_s", "s"));
        // The slow answer would take a minute; the attempt timeout (5 s on the client's fake clock)
        // abandons it, and the retry goes at once (no backoff), so only the timeout needs the clock.
        server.Options.Faults.SlowDelay = TimeSpan.FromSeconds(60);
        server.Options.Faults.Add(FaultKind.SlowBeforeHandler, 1, limit: 1);
        var clock = new Waiting.SteppedClock(DateTimeOffset.UtcNow);
        using var client = FaultyClient.For(server, configure: o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
            o.RetryBaseDelay = TimeSpan.Zero;
            o.TimeProvider = clock;
        });

        var call = client.GetClusterAsync("cluster_s");
        await WaitForAsync(() => server.State.InFlight == 1);

        // Short of the attempt timeout the slow attempt is still waited on: nothing else was sent.
        clock.Fake.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        Assert.False(call.IsCompleted);
        Assert.Equal(1, server.State.Received);

        clock.Fake.Advance(TimeSpan.FromMilliseconds(1));
        var cluster = await call.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("s", cluster.Name);
        Assert.Equal(2, server.State.Received);
        // The server logs the abandoned request once it notices the client gone.
        await WaitForAsync(() => server.State.Requests.Any(r => r.Fault == FaultKind.SlowBeforeHandler));
        var requests = server.State.Requests;
        Assert.Equal(499, requests.Single(r => r.Fault == FaultKind.SlowBeforeHandler).StatusCode);
        Assert.Contains(requests, r => r.Fault is null && r.StatusCode == 200);
    }

    [Fact]
    public async Task A_server_that_never_answers_in_time_ends_in_a_timeout_failure()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_t", "t"));
        server.Options.Faults.SlowDelay = TimeSpan.FromSeconds(20);
        server.Options.Faults.Add(FaultKind.SlowBeforeHandler, 1);
        using var client = FaultyClient.For(server, configure: o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetryAttempts = 2;
        });

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.GetClusterAsync("cluster_t"));

        Assert.Equal(TensorOneFailureKind.Timeout, failure.Kind);
        Assert.Equal("TIMEOUT", failure.ErrorCode);
        Assert.Contains("Cluster 'cluster_t'", failure.Message);
        Assert.Contains("3 attempts", failure.Message);
        // Each attempt was abandoned, not answered: the server saw three requests, the client gone from each.
        await WaitForAsync(() => server.State.Requests.Count == 3);
        Assert.All(server.State.Requests, r => Assert.Equal(499, r.StatusCode));
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_reported_as_a_network_failure()
    {
        var port = ClosedPort();
        var log = new LogCollector();
        using var client = new TensorOneClient(new TensorOneClientOptions
        {
            BaseUri = new Uri($"http://127.0.0.1:{port}/v2"),
            ApiKey = new ApiKey("tpo_test_refused"),
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryAttempts = 2,
            Log = log.Sink,
        });

        var stop = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.StopClusterAsync("cluster_x"));
        var restart = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.RestartClusterAsync("cluster_x"));

        foreach (var failure in new[] { stop, restart })
        {
            Assert.Equal(TensorOneFailureKind.Network, failure.Kind);
            Assert.Equal(0, failure.Status);
            Assert.Contains("Cluster 'cluster_x'", failure.Message);
            Assert.Contains("127.0.0.1:" + port, failure.Message);
        }

        // A refused connection proves nothing was sent, so even a restart is retried (and never read back),
        // but only once, quickly: nothing listening is news to give at once, not to wait out.
        Assert.Equal(2, log.Messages(ClientLogLevel.Verbose).Count(m => m.StartsWith("Retrying POST", StringComparison.Ordinal)));
        Assert.DoesNotContain(log.Messages(ClientLogLevel.Debug), m => m.StartsWith("GET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rejected_key_is_never_retried_even_among_faults()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_k", "k"));
        using var client = FaultyClient.For(server, configure: o => o.ApiKey = new ApiKey("tpo_live_wrong_wrong_wrong"));

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.StopClusterAsync("cluster_k"));

        Assert.True(failure.IsAuthenticationFailure);
        Assert.Single(server.State.Requests);
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    internal static async Task WaitForAsync(Func<bool> condition)
    {
        // A guard against a hang, generous for a busy machine; the condition is what is awaited.
        var guard = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < guard)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
