using System.Net;
using TensorOne.Client.Requests;

namespace TensorOne.Client.Tests.Resilience;

public sealed class RateLimitBudgetTests
{
    [Fact]
    public async Task A_low_budget_is_reported_and_said_once_per_window_on_the_verbose_log()
    {
        await using var server = await SimulatorServer.StartAsync();
        var ids = server.State.SeedMany(5);
        var log = new LogCollector();
        using var client = FaultyClient.For(server, log);

        await client.GetClusterAsync(ids[0]);
        Assert.Equal(1000, client.LastRateLimit?.Limit);
        Assert.Equal(999, client.LastRateLimit?.Remaining);
        Assert.NotNull(client.LastRateLimit?.ResetsAt);
        Assert.DoesNotContain(log.Messages(ClientLogLevel.Verbose), m => m.Contains("running low", StringComparison.Ordinal));

        server.Options.Faults.Add(FaultKind.LowRateLimit, 1);
        foreach (var id in ids)
        {
            await client.StopClusterAsync(id);
        }

        Assert.Equal(2, client.LastRateLimit?.Remaining);
        Assert.Equal(20, client.LastRateLimit?.Limit);
        var warning = Assert.Single(log.Messages(ClientLogLevel.Verbose), m => m.Contains("running low", StringComparison.Ordinal));
        Assert.Contains("2 of 20 requests left", warning);
    }

    [Fact]
    public async Task A_write_waiting_for_the_budget_past_its_deadline_is_not_sent_and_says_so()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { WriteLimit = 3 });
        var ids = server.State.SeedMany(4);
        using var client = FaultyClient.For(server);

        // The first answer says two writes are left; two writes with a long deadline, whose answers the
        // server holds back (uncommitted), then hold both.
        await client.StopClusterAsync(ids[0]);
        Assert.Equal(2, client.WritesLeft);
        server.Options.Faults.SlowDelay = TimeSpan.FromSeconds(30);
        server.Options.Faults.Add(FaultKind.SlowBeforeHandler, 1, "POST", limit: 2);
        var onTheWire = 0;
        var patient = new StopClusterRequest { OperationTimeout = TimeSpan.FromMinutes(1), RequestSent = () => Interlocked.Increment(ref onTheWire) };
        var held = new[] { client.StopClusterAsync(ids[1], patient), client.StopClusterAsync(ids[2], patient) };
        await TransientFailureTests.WaitForAsync(() => Volatile.Read(ref onTheWire) == 2 || held.Any(t => t.IsCompleted));
        Assert.DoesNotContain(held, t => t.IsCompleted);

        // A write with a short deadline waits for one of them to answer, and is not sent when its deadline comes first.
        var guard = TimeSpan.FromSeconds(60);
        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(
            () => client.StopClusterAsync(ids[3], new StopClusterRequest { OperationTimeout = TimeSpan.FromSeconds(1) }).WaitAsync(guard));

        Assert.True(failure.NotSent, failure.Message);
        Assert.True(failure.ErrorCode == "TIMEOUT", failure.Message);
        Assert.Contains("was not sent", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.State.Requests, r => r.ClusterId == ids[3]);
        server.Options.Faults.SlowDelay = TimeSpan.Zero;
        await Task.WhenAll(held.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    [Theory]
    [InlineData("1736958600", "2025-01-15T16:30:00Z")] // Unix seconds, as documented
    [InlineData("3600", "2025-01-15T17:30:00Z")] // seconds from now, as some gateways send
    public async Task The_reset_header_is_read_as_a_time_in_either_form(string reset, string expected)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2025, 1, 15, 16, 30, 0, TimeSpan.Zero));
        var handler = new StubHandler(_ => StubHandler.Json(HttpStatusCode.OK, """{"id":"cluster_z","status":"running"}""", r =>
        {
            r.Headers.Add("X-RateLimit-Limit", "200");
            r.Headers.Add("X-RateLimit-Remaining", "150");
            r.Headers.Add("X-RateLimit-Reset", reset);
        }));
        using var client = new TensorOneClient(new TensorOneClientOptions
        {
            BaseUri = new Uri("https://api.example.test/v2"),
            ApiKey = new ApiKey("tpo_test_reset"),
            Handler = handler,
            TimeProvider = clock,
        });

        await client.GetClusterAsync("cluster_z");

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), client.LastRateLimit?.ResetsAt);
    }
}
