using TensorOne.Client.Waiting;

namespace TensorOne.Client.Tests.Waiting;

/// <summary>How a wait meets the API's rate limit: it waits out what fits in its time and says so plainly when it does not.</summary>
public sealed class WatcherRetryAfterTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public async Task A_Retry_After_that_fits_the_timeout_holds_the_next_read_back_that_long()
    {
        // 300 s is more than the client itself waits out (2 minutes), so the failed read reaches the watcher.
        await using var rig = await WatcherRig.StartAsync(stopPhaseSeconds: 100);
        rig.State.AddCluster("cluster_limited", "limited");
        var refused = 0;
        rig.Handler.Answer(request =>
            request.Method == HttpMethod.Get && rig.Elapsed == S(2) && Interlocked.Increment(ref refused) == 1
                ? RecordingHandler.RateLimited(S(300))
                : null);
        var watch = (await rig.StopAndWatchAsync(["cluster_limited"], TimeSpan.FromMinutes(10)))[0];

        await rig.RunUntilEndedAsync(TimeSpan.FromMinutes(9), watch);

        var outcome = await watch;
        Assert.Equal(WaitEnd.Succeeded, outcome.End);
        var times = rig.Reads.Select(r => r.At).ToList();
        Assert.Equal([S(1), S(2), S(302)], times.Take(3));
        Assert.Equal(429, rig.Reads[1].Status);
        Assert.Equal(S(400.2), outcome.Elapsed);
    }

    [Fact]
    public async Task A_Retry_After_past_the_deadline_ends_the_wait_at_once_with_the_refusal_and_the_time_to_retry()
    {
        await using var rig = await WatcherRig.StartAsync(stopPhaseSeconds: 100);
        rig.State.AddCluster("cluster_limited", "limited");
        rig.Handler.Answer(request => request.Method == HttpMethod.Get && rig.Elapsed >= S(2) ? RecordingHandler.RateLimited(S(1800)) : null);
        var watch = (await rig.StopAndWatchAsync(["cluster_limited"], TimeSpan.FromMinutes(10)))[0];

        await rig.RunUntilEndedAsync(TimeSpan.FromMinutes(1), watch);

        var outcome = await watch;
        Assert.Equal(WaitEnd.Lost, outcome.End);
        Assert.Equal(S(2), outcome.Elapsed);
        var refusal = Assert.IsType<TensorOneRequestFailedException>(outcome.LastFailure);
        Assert.Equal(429, refusal.Status);
        Assert.Equal("RATE_LIMIT_EXCEEDED", refusal.ErrorCode);
        Assert.Equal(WatcherRig.Start + S(2) + S(1800), refusal.RetryAt);
        Assert.Equal("stopping", outcome.LastSeen?.Status);
        Assert.Equal(2, rig.Reads.Count);
    }

    [Fact]
    public async Task The_deadline_holds_while_a_read_sits_out_a_Retry_After()
    {
        // A 60 s Retry-After is one the client waits out inside the read; the 30 s deadline falls in it.
        await using var rig = await WatcherRig.StartAsync(stopPhaseSeconds: 100);
        rig.State.AddCluster("cluster_limited", "limited");
        rig.Handler.Answer(request => request.Method == HttpMethod.Get && rig.Elapsed >= S(20) ? RecordingHandler.RateLimited(S(60)) : null);
        var watch = (await rig.StopAndWatchAsync(["cluster_limited"], S(30)))[0];

        var endedAt = await rig.StepToEndAsync(watch);

        var outcome = await watch;
        Assert.Equal(WaitEnd.TimedOut, outcome.End);
        Assert.Equal(S(30), outcome.Elapsed);
        Assert.Equal(S(30), endedAt);
        Assert.Equal(429, rig.Reads[^1].Status);
        Assert.True(rig.Reads[^1].At < S(30));
    }

    [Fact]
    public async Task Cancelling_ends_a_wait_whose_read_sits_out_a_Retry_After()
    {
        await using var rig = await WatcherRig.StartAsync(stopPhaseSeconds: 100);
        rig.State.AddCluster("cluster_limited", "limited");
        rig.Handler.Answer(request => request.Method == HttpMethod.Get && rig.Elapsed >= S(2) ? RecordingHandler.RateLimited(S(60)) : null);
        var watch = (await rig.StopAndWatchAsync(["cluster_limited"], TimeSpan.FromMinutes(10)))[0];
        await rig.StepAsync(watch);
        await rig.StepAsync(watch);
        Assert.Equal(429, rig.Reads[^1].Status);

        rig.Cancellation.Cancel();

        Assert.True(watch.IsCanceled);
    }
}
