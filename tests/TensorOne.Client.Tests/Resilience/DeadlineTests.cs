using System.Net;
using System.Net.Sockets;

namespace TensorOne.Client.Tests.Resilience;

/// <summary>
/// One deadline per operation, whatever the server does: stalls, long Retry-After, nothing listening,
/// a redirect. Asserted on what the server saw and what the client said, never on elapsed time.
/// </summary>
public sealed class DeadlineTests
{
    [Fact]
    public async Task A_server_that_never_answers_costs_one_attempt_per_deadline_and_says_so_on_verbose()
    {
        await using var server = await Start(FaultKind.SlowBeforeHandler, null);
        var log = new LogCollector();
        using var client = FaultyClient.For(server, log, o =>
        {
            // The attempt timeout is the default's 30 s: only the operation's deadline can end this.
            o.AttemptTimeout = TimeSpan.FromSeconds(30);
            o.OperationTimeout = TimeSpan.FromSeconds(2);
            o.StallNoticeInterval = TimeSpan.FromMilliseconds(200);
        });

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.StopClusterAsync("cluster_d"));

        // The stop's attempt was cut by the deadline, its read-back too: the outcome is unknown, and said so.
        Assert.Equal(TensorOneFailureKind.OutcomeUnknown, failure.Kind);
        Assert.Contains("Get-T1Cluster cluster_d", failure.Message, StringComparison.Ordinal);
        await TransientFailureTests.WaitForAsync(() => server.State.Requests.Count >= 2);
        Assert.Single(FaultyClient.Posts(server, "cluster_d"));
        Assert.Equal(0, server.State.CommittedStops("cluster_d"));
        Assert.Contains(log.Messages(ClientLogLevel.Verbose), m => m.Contains("Still waiting for the API to answer POST clusters/cluster_d/stop", StringComparison.Ordinal));
        Assert.Contains(log.Messages(ClientLogLevel.Verbose), m => m.Contains("did not finish within the operation's deadline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_that_stops_coming_is_said_on_verbose_and_ends_at_the_deadline()
    {
        await using var server = await Start(FaultKind.StalledBody, "GET");
        var log = new LogCollector();
        using var client = FaultyClient.For(server, log, o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(30);
            o.OperationTimeout = TimeSpan.FromSeconds(2);
            o.StallNoticeInterval = TimeSpan.FromMilliseconds(200);
        });

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.GetClusterAsync("cluster_d"));

        Assert.Equal("TIMEOUT", failure.ErrorCode);
        Assert.Contains("deadline of 2 s", failure.Message, StringComparison.Ordinal);
        await TransientFailureTests.WaitForAsync(() => server.State.Requests.Count >= 1); // logged once the server notices the client left
        Assert.Single(server.State.Requests, r => r.Method == "GET");
        Assert.Contains(log.Messages(ClientLogLevel.Verbose), m => m.Contains("Still reading the API's answer to GET clusters/cluster_d", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_deadline_fails_at_once_with_the_time_to_retry()
    {
        await using var server = await Start(FaultKind.TooManyRequests, "POST");
        server.Options.Faults.RetryAfter = TimeSpan.FromSeconds(100);
        using var client = FaultyClient.For(server, configure: o => o.OperationTimeout = TimeSpan.FromSeconds(60));

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.StopClusterAsync("cluster_d"));

        Assert.Equal(429, failure.Status);
        Assert.Equal(TimeSpan.FromSeconds(100), failure.RetryAfter);
        Assert.NotNull(failure.RetryAt);
        Assert.Single(FaultyClient.Posts(server, "cluster_d"));
    }

    [Fact]
    public async Task A_retry_after_that_fits_the_deadline_is_waited_out()
    {
        await using var server = await Start(FaultKind.TooManyRequests, "POST");
        server.Options.Faults.Clear();
        server.Options.Faults.Add(FaultKind.TooManyRequests, 1, "POST", limit: 1);
        server.Options.Faults.RetryAfter = TimeSpan.FromSeconds(1);
        using var client = FaultyClient.For(server, configure: o => o.OperationTimeout = TimeSpan.FromSeconds(60));

        var result = await client.StopClusterAsync("cluster_d");

        Assert.Equal("stopping", result.Status);
        Assert.Equal(2, FaultyClient.Posts(server, "cluster_d").Count);
    }

    [Fact]
    public async Task Nothing_listening_fails_after_at_most_one_quick_retry_and_says_so()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new TensorOneClient(new TensorOneClientOptions
        {
            BaseUri = new Uri($"http://127.0.0.1:{port}/v2"),
            ApiKey = new ApiKey("tpo_test_refused"),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        });

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.StopClusterAsync("cluster_d"));

        Assert.Equal(TensorOneFailureKind.Network, failure.Kind);
        Assert.Contains("nothing is listening there", failure.Message, StringComparison.Ordinal);
        Assert.Contains("(2 attempts)", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_is_not_followed_and_names_the_location_and_how_to_set_the_base_uri(int status)
    {
        await using var server = await Start(FaultKind.Redirect, "POST");
        server.Options.Faults.RedirectStatus = status;
        using var client = FaultyClient.For(server);

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.StopClusterAsync("cluster_d"));

        Assert.Equal(status, failure.Status);
        Assert.Equal("REDIRECTED", failure.ErrorCode);
        Assert.Contains("'https://api.moved.example/v2/clusters/cluster_d/stop'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("-BaseUri https://api.moved.example/v2", failure.Message, StringComparison.Ordinal);
        Assert.Single(server.State.Requests);
        Assert.Equal(0, server.State.CommittedStops("cluster_d"));
    }

    private static async Task<SimulatorServer> Start(FaultKind kind, string? method)
    {
        var server = await SimulatorServer.StartAsync(new SimulatorOptions { StopPhaseSeconds = 30 });
        server.State.AddCluster("cluster_d", "d");
        server.Options.Faults.SlowDelay = TimeSpan.FromSeconds(60);
        server.Options.Faults.Add(kind, 1, method);
        return server;
    }
}
