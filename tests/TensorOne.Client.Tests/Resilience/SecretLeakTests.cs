using System.Net;
using TensorOne.Client.Requests;

namespace TensorOne.Client.Tests.Resilience;

/// <summary>A distinctive key through every fault, every log level and every exception: it must appear nowhere.</summary>
public sealed class SecretLeakTests
{
    private const string Key = "tpo_test_QuokkaSecret_7e1f9b";

    [Fact]
    public async Task The_key_appears_in_no_exception_and_no_log_line_under_any_fault()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = Key, StopPhaseSeconds = 30, RestartPhaseSeconds = 30 });
        var ids = server.State.SeedMany(24);
        server.Options.Faults.Seed = 99;
        server.Options.Faults.RetryAfter = TimeSpan.Zero;
        server.Options.Faults.HugeBodyBytes = 100_000;
        server.Options.Faults.SlowDelay = TimeSpan.FromSeconds(5);
        foreach (var kind in Enum.GetValues<FaultKind>())
        {
            server.Options.Faults.Add(kind, 0.05);
        }

        var log = new LogCollector();
        using var client = FaultyClient.For(server, log, o =>
        {
            o.MaxRetryAttempts = 2;
            o.AttemptTimeout = TimeSpan.FromMilliseconds(400);
            o.MaxResponseBytes = 64 * 1024;
        });

        var texts = new List<string>();
        await Task.WhenAll(ids.Select(async (id, n) =>
        {
            try
            {
                _ = n % 2 == 0
                    ? (object)await client.StopClusterAsync(id, new StopClusterRequest { StopReason = "leak test" })
                    : await client.RestartClusterAsync(id);
                _ = await client.GetClusterAsync(id);
            }
            catch (TensorOneRequestFailedException failure)
            {
                lock (texts)
                {
                    texts.Add(failure.ToString());
                    texts.AddRange(failure.Details.Values);
                }
            }
        }));

        try
        {
            await client.ListClustersAsync();
        }
        catch (TensorOneRequestFailedException failure)
        {
            texts.Add(failure.ToString());
        }

        Assert.True(server.Options.Faults.Injected(FaultKind.HtmlErrorPage) > 0, "the page that reflects the key should have been served");
        Assert.Contains(log.Lines, l => l.Level == ClientLogLevel.Debug);
        Assert.DoesNotContain("QuokkaSecret", log.AllText);
        Assert.DoesNotContain(texts, t => t.Contains("QuokkaSecret", StringComparison.Ordinal));
        Assert.DoesNotContain("QuokkaSecret", client.LastRateLimit?.ToString() ?? "");
    }

    [Fact]
    public async Task A_key_reflected_in_an_error_message_or_request_id_is_masked()
    {
        var handler = new StubHandler(request => StubHandler.Json(
            HttpStatusCode.BadRequest,
            "{\"error\":{\"code\":\"VALIDATION_ERROR\",\"message\":\"Bad header " + request.Headers.Authorization + "\",\"details\":{\"echo\":\"" + request.Headers.Authorization?.Parameter + "\"}}}",
            r => r.Headers.TryAddWithoutValidation("X-Request-Id", "req_" + request.Headers.Authorization?.Parameter)));
        using var client = new TensorOneClient(new TensorOneClientOptions
        {
            BaseUri = new Uri("https://api.example.test/v2"),
            ApiKey = new ApiKey(Key),
            Handler = handler,
        });

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.StopClusterAsync("cluster_m"));

        Assert.Contains("Bad header Bearer ***", failure.Message);
        Assert.Equal("***", failure.Details["echo"]);
        Assert.Equal("req_***", failure.RequestId);
        Assert.DoesNotContain("QuokkaSecret", failure.ToString());
    }
}
