using System.Net;
using TensorOne.Simulator;
using TensorOne.Simulator.Faults;
using Xunit;

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
