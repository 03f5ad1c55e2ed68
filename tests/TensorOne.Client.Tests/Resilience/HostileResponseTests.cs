using System.Net;

namespace TensorOne.Client.Tests.Resilience;

/// <summary>Broken and hostile answers over real HTTP: a clear failure naming cluster and status, never a crash or a hang.</summary>
public sealed class HostileResponseTests
{
    [Theory]
    [InlineData(FaultKind.MalformedJson, "not valid JSON")]
    [InlineData(FaultKind.EmptyBody, "the body is empty")]
    public async Task A_read_that_never_gets_a_usable_body_fails_clearly_after_bounded_attempts(FaultKind kind, string why)
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_h", "h"));
        server.Options.Faults.HugeBodyBytes = 1_000_000;
        server.Options.Faults.Add(kind, 1);
        using var client = FaultyClient.For(server, configure: o =>
        {
            o.MaxRetryAttempts = 2;
            o.MaxResponseBytes = 64 * 1024;
        });

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.GetClusterAsync("cluster_h"));

        Assert.Equal(TensorOneFailureKind.InvalidResponse, failure.Kind);
        Assert.Equal(200, failure.Status);
        Assert.Equal("cluster_h", failure.ClusterId);
        Assert.Contains("Cluster 'cluster_h'", failure.Message);
        Assert.Contains("HTTP 200 INVALID_RESPONSE", failure.Message);
        Assert.Contains(why, failure.Message);
        // The server may still be writing the last huge body the client walked away from.
        await TransientFailureTests.WaitForAsync(() => server.State.Requests.Count == 3);
    }

    [Fact]
    public async Task A_stop_whose_answer_and_read_back_are_both_unreadable_is_an_error_and_sent_once()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_h", "h"));
        server.Options.Faults.Add(FaultKind.MalformedJson, 1);
        using var client = FaultyClient.For(server, configure: o => o.MaxRetryAttempts = 1);

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.StopClusterAsync("cluster_h"));

        Assert.Equal(TensorOneFailureKind.InvalidResponse, failure.Kind);
        Assert.Contains("Cluster 'cluster_h'", failure.Message);
        Assert.Contains("HTTP 200", failure.Message);
        Assert.Equal(1, server.State.CommittedStops("cluster_h"));
        Assert.Single(FaultyClient.Posts(server, "cluster_h"));
    }

    [Fact]
    public async Task A_firewall_page_is_not_retried_and_says_a_proxy_answered()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_w", "w"));
        server.Options.Faults.HtmlStatus = 403;
        server.Options.Faults.Add(FaultKind.HtmlErrorPage, 1);
        using var client = FaultyClient.For(server);

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.StopClusterAsync("cluster_w"));

        Assert.Equal(403, failure.Status);
        Assert.Contains("Cluster 'cluster_w'", failure.Message);
        Assert.Contains("HTTP 403 with an HTML page", failure.Message);
        Assert.Contains("proxy", failure.Suggestion);
        Assert.DoesNotContain(server.Options.ApiKey, failure.ToString());
        Assert.Single(server.State.Requests);
    }

    [Fact]
    public async Task Json_under_the_wrong_content_type_is_read_anyway()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_t", "t"));
        server.Options.Faults.Add(FaultKind.WrongContentType, 1);
        using var client = FaultyClient.For(server);

        var stop = await client.StopClusterAsync("cluster_t");
        var list = await client.ListClustersAsync();

        Assert.Equal("stopping", stop.Status);
        Assert.Single(list);
        Assert.Equal(2, server.State.Requests.Count);
    }

    [Fact]
    public async Task A_declared_length_over_the_cap_is_refused_without_reading_the_body()
    {
        var handler = new StubHandler(_ => StubHandler.Json(HttpStatusCode.OK, """{"id":"cluster_d"}""", r => r.Content.Headers.ContentLength = 50_000_000));
        using var client = new TensorOneClient(new TensorOneClientOptions
        {
            BaseUri = new Uri("https://api.example.test/v2"),
            ApiKey = new ApiKey("tpo_test_declared"),
            Handler = handler,
            MaxRetryAttempts = 0,
        });

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.GetClusterAsync("cluster_d"));

        Assert.Contains("more than the 8192 KiB the client accepts", failure.Message);
    }
}
