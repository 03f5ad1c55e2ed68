using System.Net;

namespace TensorOne.Simulator.Tests;

public sealed class AuthenticationTests
{
    [Theory]
    [InlineData("tpo_test_wrong_key")]
    [InlineData("tpo_test_simulator")]
    public async Task WrongKeyIsRefusedWithoutEchoingIt(string presentedKey)
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_a", "a"));
        using var client = new SimulatorClient(server, presentedKey);

        var answer = await client.GetAsync("/clusters/cluster_a");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("UNAUTHORIZED", answer.Body.GetProperty("error").GetProperty("code").GetString());
        Assert.False(answer.Body.GetProperty("success").GetBoolean());
        Assert.DoesNotContain(presentedKey.Trim(), answer.Body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(401, server.State.Requests.Single().StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bearer tpo_test_simulator_key")]
    [InlineData("tpo_test_simulator_key")]
    public async Task AnythingButTheExactBearerHeaderIsRefused(string? authorization)
    {
        await using var server = await SimulatorServer.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUri + "/clusters"));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task EveryAnswerCarriesRequestIdAndRateLimitHeaders()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var client = new SimulatorClient(server, "not-the-key");

        var answer = await client.GetAsync("/clusters");

        Assert.Equal("application/json", answer.MediaType);
        Assert.StartsWith("req_", answer.Header("X-Request-Id"), StringComparison.Ordinal);
        Assert.Equal(answer.Header("X-Request-Id"), answer.Body.GetProperty("meta").GetProperty("request_id").GetString());
        Assert.Equal("1000", answer.Header("X-RateLimit-Limit"));
        Assert.Equal("999", answer.Header("X-RateLimit-Remaining"));
        Assert.True(long.Parse(answer.Header("X-RateLimit-Reset"), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal("3600", answer.Header("X-RateLimit-Window"));
    }

    [Fact]
    public async Task A_key_revoked_after_two_writes_refuses_the_third_write_and_every_read_after_it()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions { RevokeKeyAfterWrites = 2, StopPhaseSeconds = 0 }, ("cluster_a", "a"), ("cluster_b", "b"), ("cluster_c", "c"));
        using var client = new SimulatorClient(server);

        var before = await client.GetAsync("/clusters/cluster_a");
        var first = await client.PostAsync("/clusters/cluster_a/stop", "{}");
        var second = await client.PostAsync("/clusters/cluster_b/stop", "{}");
        var third = await client.PostAsync("/clusters/cluster_c/stop", "{}");
        var after = await client.GetAsync("/clusters/cluster_a");

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, third.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, after.Status);
        Assert.Equal(1, server.State.CommittedStops("cluster_b"));
        Assert.Equal(0, server.State.CommittedStops("cluster_c"));
    }
}
