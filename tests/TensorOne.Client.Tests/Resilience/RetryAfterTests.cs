using Microsoft.Extensions.Time.Testing;
using TensorOne.Client.Tests.Waiting;

namespace TensorOne.Client.Tests.Resilience;

/// <summary>
/// Retry-After in both forms, on a fake clock shared by the client and the simulator: the retry must
/// not be sent one tick before the time the server asked for.
/// </summary>
public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 15, 16, 30, 0, 250, TimeSpan.Zero);

    [Theory]
    [InlineData(FaultKind.TooManyRequests, 2000, 0)]
    [InlineData(FaultKind.TooManyRequestsHttpDate, 3000, 0)] // 16:30:00.250 + 2 s rounds up to 16:30:03, measured from Date 16:30:00
    [InlineData(FaultKind.TooManyRequestsHttpDate, 3000, 1500)] // a client clock running ahead changes nothing: the date is read against Date
    [InlineData(FaultKind.ServiceUnavailable, 2000, 0)]
    public async Task No_retry_is_sent_before_the_time_the_server_asked_for(FaultKind kind, int expectedWaitMs, int clientAheadMs)
    {
        var serverClock = new FakeTimeProvider(Start);
        var clock = new SteppedClock(Start.AddMilliseconds(clientAheadMs));
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions { TimeProvider = serverClock }, ("cluster_w", "w"));
        server.Options.Faults.RetryAfter = TimeSpan.FromSeconds(2);
        server.Options.Faults.ServiceUnavailableRetryAfter = TimeSpan.FromSeconds(2);
        server.Options.Faults.Add(kind, 1, limit: 1);
        var log = new LogCollector();
        using var client = FaultyClient.For(server, log, o => o.TimeProvider = clock);

        var call = client.StopClusterAsync("cluster_w");
        // The fake clock may only move once the client sleeps on it: however busy the machine, wait
        // for the retry's timer itself (due when the server said) rather than for a guess at how long
        // the client takes to set it. Other sleepers, such as the stall notice, are due at other times.
        await TransientFailureTests.WaitForAsync(() => clock.HasPendingSleepFor(TimeSpan.FromMilliseconds(expectedWaitMs)));

        // A millisecond short of the time asked for, the retry is still asleep on its timer: nothing
        // can have been sent.
        clock.Fake.Advance(TimeSpan.FromMilliseconds(expectedWaitMs - 1));
        Assert.True(clock.HasPendingSleepFor(TimeSpan.FromMilliseconds(1)), "the retry is no longer waiting: " + clock.Describe());
        Assert.Single(server.State.Requests);
        Assert.False(call.IsCompleted);

        clock.Fake.Advance(TimeSpan.FromMilliseconds(1));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("stopping", result.Status);
        Assert.Equal(2, server.State.Requests.Count);
        Assert.Equal(1, server.State.CommittedStops("cluster_w"));
    }

    [Fact]
    public async Task A_retry_after_over_the_limit_fails_at_once_with_the_time_to_retry_and_holds_back_other_writes()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.State.SeedMany(3);
        server.Options.Faults.RetryAfter = TimeSpan.FromSeconds(1800);
        server.Options.Faults.Add(FaultKind.TooManyRequests, 1, "POST");
        var log = new LogCollector();
        using var client = FaultyClient.For(server, log);

        // A guard against waiting the 30 minutes out, not a measure of speed; the requests below show it.
        var guard = TimeSpan.FromMinutes(1);
        var first = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.StopClusterAsync("cluster_bulk_0001").WaitAsync(guard));
        var second = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.StopClusterAsync("cluster_bulk_0002").WaitAsync(guard));
        var read = await client.GetClusterAsync("cluster_bulk_0003").WaitAsync(guard);

        foreach (var failure in new[] { first, second })
        {
            Assert.Equal(429, failure.Status);
            Assert.Equal("RATE_LIMIT_EXCEEDED", failure.ErrorCode);
            Assert.NotNull(failure.RetryAt);
            Assert.InRange(failure.RetryAfter!.Value, TimeSpan.FromSeconds(1790), TimeSpan.FromSeconds(1800));
            Assert.Contains("Retry after ", failure.Message);
            Assert.Contains(failure.RetryAt!.Value.ToUniversalTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture), failure.Message);
        }

        Assert.Equal("cluster_bulk_0002", second.ClusterId);
        Assert.Contains("was not sent", second.Message);
        // One write reached the server; the second was held back; reads have their own budget.
        Assert.Single(server.State.Requests, r => r.Method == "POST");
        Assert.Equal("bulk-0003", read.Name);
        Assert.Contains(log.Messages(ClientLogLevel.Verbose), m => m.Contains("further writes fail at once", StringComparison.Ordinal));
    }
}
