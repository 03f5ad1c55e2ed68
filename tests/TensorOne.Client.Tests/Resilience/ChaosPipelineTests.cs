using System.Net.Sockets;
using Polly;
using Polly.Simmy;
using Polly.Simmy.Fault;
using Polly.Simmy.Latency;
using Polly.Simmy.Outcomes;
using TensorOne.Client.Http;

namespace TensorOne.Client.Tests.Resilience;

/// <summary>
/// The retry pipeline itself, faulted from inside with Polly's chaos strategies (placed around each
/// attempt through the client's internal hook), where timing is the thing under test.
/// </summary>
public sealed class ChaosPipelineTests
{
    [Fact]
    public async Task Backoff_grows_exponentially_with_jitter_and_attempts_are_bounded()
    {
        const int Runs = 200;
        var runs = await Task.WhenAll(Enumerable.Range(0, Runs).Select(_ => PlannedDelaysAsync()));

        Assert.All(runs, run => Assert.Equal(5, run.Attempts)); // 1 + MaxRetryAttempts, then the failure
        Assert.All(runs, run => Assert.Equal(4, run.Delays.Count));
        var medians = Enumerable.Range(0, 4).Select(i => Median(runs.Select(r => r.Delays[i].TotalMilliseconds))).ToArray();
        var said = "medians " + string.Join(", ", medians.Select(m => m.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));

        // Polly's decorrelated jitter (base 4 ms here) has medians near 0.9, 1.15, 2.1 and 4 times the
        // base; over 200 runs they land within a few percent of that.
        Assert.True(medians[0] < medians[1] && medians[1] < medians[2] && medians[2] < medians[3], said);
        Assert.True(medians[3] > medians[0] * 3, said);
        Assert.True(medians[2] > medians[0] * 1.6, said);
        Assert.All(runs, run => Assert.All(run.Delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromMilliseconds(4 * 9))));
        // Jitter: the same attempt waits differently from run to run.
        Assert.True(runs.Select(r => r.Delays[0]).Distinct().Count() > Runs / 2, "first delays barely vary");
    }

    [Fact]
    public async Task Injected_network_faults_are_retried_until_an_attempt_gets_through()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_c", "c"));
        var injected = 0;
        using var client = FaultyClient.For(server, configure: o => o.AddAttemptStrategies = builder => builder.AddChaosFault(new ChaosFaultStrategyOptions
        {
            InjectionRate = 1,
            EnabledGenerator = _ => new ValueTask<bool>(Interlocked.Increment(ref injected) <= 3),
            FaultGenerator = new FaultGenerator().AddException(() => new HttpRequestException("reset", new SocketException((int)SocketError.ConnectionReset))),
        }));

        var cluster = await client.GetClusterAsync("cluster_c");

        Assert.Equal("c", cluster.Name);
        Assert.Single(server.State.Requests);
        Assert.Equal(4, injected);
    }

    [Fact]
    public async Task A_hung_attempt_is_cut_off_at_exactly_the_attempt_timeout()
    {
        var clock = new Waiting.SteppedClock(new DateTimeOffset(2025, 1, 15, 16, 30, 0, TimeSpan.Zero));
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_h", "h"));
        var hung = 0;
        using var client = FaultyClient.For(server, configure: o =>
        {
            o.TimeProvider = clock;
            o.AttemptTimeout = TimeSpan.FromSeconds(30);
            o.RetryBaseDelay = TimeSpan.Zero;
            o.AddAttemptStrategies = builder => builder.AddChaosLatency(new ChaosLatencyStrategyOptions
            {
                InjectionRate = 1,
                Latency = TimeSpan.FromHours(1),
                EnabledGenerator = _ => new ValueTask<bool>(Interlocked.Increment(ref hung) == 1),
            });
        });

        var call = client.GetClusterAsync("cluster_h");
        // The attempt hangs once it sleeps on its hour of latency; only then may the clock move.
        await TransientFailureTests.WaitForAsync(() => Volatile.Read(ref hung) == 1 && clock.HasPendingSleepFor(TimeSpan.FromHours(1)));

        // A tick short of the attempt timeout nothing is due: the attempt still hangs, nothing was sent.
        clock.Fake.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        Assert.False(call.IsCompleted);
        Assert.Empty(server.State.Requests);

        clock.Fake.Advance(TimeSpan.FromTicks(1));
        var cluster = await call.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("h", cluster.Name);
        Assert.Single(server.State.Requests);
    }

    private static async Task<(int Attempts, IReadOnlyList<TimeSpan> Delays)> PlannedDelaysAsync()
    {
        var attempts = 0;
        var listener = new RetryDelayListener();
        using var client = new TensorOneClient(new TensorOneClientOptions
        {
            BaseUri = new Uri("http://127.0.0.1:9/v2"), // never reached: every attempt is answered by chaos
            ApiKey = new ApiKey("tpo_test_chaos"),
            RetryBaseDelay = TimeSpan.FromMilliseconds(4),
            MaxRetryAttempts = 4,
            AddAttemptStrategies = builder =>
            {
                builder.TelemetryListener = listener;
                builder.AddChaosOutcome(new ChaosOutcomeStrategyOptions<ApiResponse>
                {
                    InjectionRate = 1,
                    OutcomeGenerator = _ => new ValueTask<Outcome<ApiResponse>?>(Outcome.FromResult(Unavailable())),
                    OnOutcomeInjected = _ =>
                    {
                        Interlocked.Increment(ref attempts);
                        return default;
                    },
                });
            },
        });

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.GetClusterAsync("cluster_x"));
        Assert.Equal(503, failure.Status);
        return (attempts, listener.Delays);
    }

    private static ApiResponse Unavailable()
    {
        using var message = new HttpResponseMessage();
        return new ApiResponse(503, null, Array.Empty<byte>(), message.Headers, DateTimeOffset.UtcNow);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }
}
