using System.Net;

namespace TensorOne.Client.Tests.Resilience;

/// <summary>One kind of failure, one error id: scripts match on it, whatever the server called it.</summary>
public sealed class RateLimitIdTests
{
    [Fact]
    public async Task A_rate_limit_has_one_error_id_whether_the_server_or_the_client_refused()
    {
        // A server that calls its 429 RATE_LIMITED; the long Retry-After makes the client refuse the next one itself.
        var handler = new StubHandler(_ => StubHandler.Json(
            (HttpStatusCode)429,
            "{\"error\":\"RATE_LIMITED\",\"message\":\"Slow down\"}",
            r => r.Headers.TryAddWithoutValidation("Retry-After", "1800")));
        using var client = new TensorOneClient(new TensorOneClientOptions
        {
            BaseUri = new Uri("https://api.example.test/v2"),
            ApiKey = new ApiKey("tpo_test_rate_limit_id"),
            Handler = handler,
        });

        var fromServer = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.StopClusterAsync("cluster_1"));
        var fromClient = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.StopClusterAsync("cluster_2"));

        Assert.Equal(1, handler.Requests);
        Assert.Equal("RATE_LIMIT_EXCEEDED", fromServer.ErrorCode);
        Assert.Equal(fromServer.ErrorCode, fromClient.ErrorCode);
        Assert.Equal("RATE_LIMITED", fromServer.Details["api_code"]);
    }
}
