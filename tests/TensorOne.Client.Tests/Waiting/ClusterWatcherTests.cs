using TensorOne.Client.Waiting;

namespace TensorOne.Client.Tests.Waiting;

/// <summary>The watcher end to end against the simulator, on a fake clock: exact poll times, no real sleeping.</summary>
public sealed class ClusterWatcherTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>The one status a list asked for (a documented filter takes one value).</summary>
    private static string StatusOf(RecordedCall call)
    {
        var values = call.Query.TrimStart('?').Split('&').Where(p => p.StartsWith("status=", StringComparison.Ordinal)).ToList();
        return Assert.Single(values)["status=".Length..];
    }

    [Fact]
    public async Task A_long_stop_is_polled_often_at_first_then_rarer_up_to_the_cap_and_seen_just_after_its_estimate()
    {
        // Four phases of 300 s: the stop is estimated to end 1,200 s after it began.
        await using var rig = await WatcherRig.StartAsync(stopPhaseSeconds: 300);
        rig.State.AddCluster("cluster_long", "long");
        var watch = (await rig.StopAndWatchAsync(["cluster_long"], TimeSpan.FromMinutes(30)))[0];

        await rig.RunUntilEndedAsync(TimeSpan.FromMinutes(25), watch);

        var outcome = await watch;
        Assert.Equal(WaitEnd.Succeeded, outcome.End);
        Assert.Equal("stopped", outcome.LastSeen?.Status);
        var times = rig.Reads.Select(r => r.At).ToList();
        var intervals = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        Assert.Equal(S(1), times[0]);
        Assert.Equal([S(1), S(1), S(1), S(1), S(1.25)], intervals.Take(5));
        Assert.All(intervals, i => Assert.InRange(i, S(1), S(15)));
        Assert.Equal(intervals.SkipLast(1).Order(), intervals.SkipLast(1));
        Assert.True(intervals.Count(i => i == S(15)) > 50, "the interval settles at its cap of 15 s");
        Assert.Equal(S(1200.2), times[^1]);
        Assert.Equal(S(1200.2), outcome.Elapsed);

        // As many reads as the schedule allows, never a constant: the interval reaches its cap after the
        // stop has run cap / growth, polls at least MinInterval apart until then and MaxInterval after.
        var pace = new WaitOptions();
        var capReachedAt = TimeSpan.FromTicks((long)(pace.MaxInterval.Ticks / pace.GrowthFactor));
        var atLeast = (int)((times[^1] - capReachedAt) / pace.MaxInterval);
        var atMost = (int)Math.Ceiling(capReachedAt / pace.MinInterval) + (int)Math.Ceiling((times[^1] - capReachedAt) / pace.MaxInterval) + 1;
        Assert.InRange(times.Count, atLeast, atMost);
        Assert.All(rig.Reads, r => Assert.Equal("?include_metrics=false&include_cost_breakdown=false", r.Query));
    }

    [Fact]
    public async Task A_wait_that_runs_out_of_time_ends_TimedOut_exactly_at_its_deadline()
    {
        await using var rig = await WatcherRig.StartAsync(stopPhaseSeconds: 300);
        rig.State.AddCluster("cluster_slow", "slow");
        var watch = (await rig.StopAndWatchAsync(["cluster_slow"], S(90)))[0];

        var endedAt = await rig.StepToEndAsync(watch);

        var outcome = await watch;
        Assert.Equal(WaitEnd.TimedOut, outcome.End);
        Assert.Equal(S(90), outcome.Elapsed);
        Assert.Equal(S(90), endedAt);
        Assert.Equal("stopping", outcome.LastSeen?.Status);
        Assert.All(rig.Reads, r => Assert.True(r.At < S(90), $"a read at {r.At}, after the deadline"));
    }

    [Fact]
    public async Task Cancelling_ends_every_watch_at_once_and_no_read_follows()
    {
        await using var rig = await WatcherRig.StartAsync(stopPhaseSeconds: 60);
        rig.State.SeedMany(3, "cluster_cancel_");
        var watches = await rig.StopAndWatchAsync(rig.State.Clusters.Select(c => c.Id), TimeSpan.FromMinutes(10));
        await rig.StepAsync(watches);
        await rig.StepAsync(watches);
        var readsBefore = rig.Reads.Count;

        rig.Cancellation.Cancel();

        // No waiting for a poll or a timer: the watches end inside Cancel, and nothing is left asleep
        // on the clock to wake a read later.
        Assert.All(watches, w => Assert.True(w.IsCanceled));
        Assert.Equal(readsBefore, rig.Reads.Count);
        Assert.Equal(2 * 3, readsBefore);
        Assert.Null(rig.Clock.NextDue());
    }

    [Fact]
    public async Task A_cluster_that_disappears_during_the_wait_is_Lost_with_the_404_and_the_others_go_on()
    {
        await using var rig = await WatcherRig.StartAsync(stopPhaseSeconds: 1);
        rig.State.AddCluster("cluster_gone", "gone");
        rig.State.AddCluster("cluster_kept", "kept");
        rig.Handler.Answer(request =>
            request.RequestUri!.AbsolutePath.EndsWith("/clusters/cluster_gone", StringComparison.Ordinal) && rig.Elapsed >= S(2)
                ? RecordingHandler.NotFound("cluster_gone")
                : null);
        var watches = await rig.StopAndWatchAsync(["cluster_gone", "cluster_kept"], TimeSpan.FromMinutes(10));

        await rig.RunUntilEndedAsync(TimeSpan.FromMinutes(1), watches);

        var gone = await watches[0];
        Assert.Equal(WaitEnd.Lost, gone.End);
        Assert.Equal(S(2), gone.Elapsed);
        Assert.True(gone.LastFailure?.IsNotFound);
        Assert.Equal("cluster_gone", gone.LastFailure?.ClusterId);
        Assert.Equal("stopping", gone.LastSeen?.Status);
        var kept = await watches[1];
        Assert.Equal(WaitEnd.Succeeded, kept.End);
        Assert.Equal(S(4), kept.Elapsed);
        Assert.Single(rig.Reads, r => r.Path.EndsWith("/cluster_gone", StringComparison.Ordinal) && r.Status == 404);
    }

    [Fact]
    public async Task Many_clusters_are_read_through_pages_of_those_in_flight_then_once_each_as_they_leave()
    {
        await using var rig = await WatcherRig.StartAsync(stopPhaseSeconds: 1);
        var ids = rig.State.SeedMany(250, "cluster_many_");
        rig.State.SeedMany(2000, "cluster_idle_");
        var watches = await rig.StopAndWatchAsync(ids, TimeSpan.FromMinutes(10));

        await rig.RunUntilEndedAsync(TimeSpan.FromMinutes(1), watches);

        Assert.All(watches, w => Assert.Equal(WaitEnd.Succeeded, w.Result.End));
        var rounds = rig.Reads.GroupBy(r => r.At).ToList();
        Assert.Equal([S(1), S(2), S(3), S(4)], rounds.Select(r => r.Key));
        Assert.All(rounds.Take(3), round =>
        {
            // 250 stopping in an account of 2,250: three pages of 100, whatever the account's size.
            Assert.Equal(3, round.Count(r => r.IsList));
            Assert.Equal(0, round.Count(r => r.IsSingleGet));
        });

        // They stopped: the list of clusters stopping comes back empty, then the 250 that left it are found
        // in the pages of the clusters stopped, one documented status per list (cheaper than 250 reads by id;
        // the 2,000 running never read). Every one was found there, so the list of clusters in error is not read.
        Assert.Equal(["stopping", "stopped", "stopped", "stopped"], rounds[3].Select(StatusOf));
        Assert.Equal(0, rounds[3].Count(r => r.IsSingleGet));
        Assert.All(rig.Reads.Where(r => r.IsList), r => Assert.Contains("limit=100", r.Query));
        Assert.All(rig.Reads, r => Assert.Contains("include_metrics=false", r.Query));
        Assert.Equal(rig.Reads.Count, rig.Watcher.Reads);
        Assert.Equal(4, rig.Watcher.Rounds);
    }

    [Fact]
    public async Task Four_clusters_in_a_10000_cluster_account_cost_at_most_four_reads_a_round_and_end_in_the_round_after_they_stop()
    {
        await using var rig = await WatcherRig.StartAsync(stopPhaseSeconds: 1);
        var ids = rig.State.SeedMany(10_000, "cluster_acct_").Take(4).ToList();
        var watches = await rig.StopAndWatchAsync(ids, TimeSpan.FromMinutes(10));

        await rig.RunUntilEndedAsync(TimeSpan.FromMinutes(1), watches);

        // The stops end 4 s after they began; the round at 4 s sees it, the first poll after the end.
        var outcomes = await Task.WhenAll(watches);
        Assert.All(outcomes, o => Assert.Equal(WaitEnd.Succeeded, o.End));
        Assert.All(outcomes, o => Assert.Equal(S(4), o.Elapsed));
        var rounds = rig.Reads.GroupBy(r => r.At).ToList();
        Assert.Equal([S(1), S(2), S(3), S(4)], rounds.Select(r => r.Key));
        Assert.All(rounds, round => Assert.InRange(round.Count(), 1, 5));
        Assert.All(rig.Reads.Where(r => r.IsList), r => Assert.Contains("status=stopping&", r.Query));
        Assert.True(rig.Watcher.Reads <= 4 * rig.Watcher.Rounds, $"{rig.Watcher.Reads} reads in {rig.Watcher.Rounds} rounds");
    }

    [Fact]
    public async Task Many_restarts_are_read_with_documented_single_status_lists_and_those_restarting_by_id()
    {
        await using var rig = await WatcherRig.StartAsync(restartPhaseSeconds: 1);
        var running = rig.State.SeedMany(20, "cluster_rr_");
        var stopped = rig.State.SeedMany(20, "cluster_rs_");
        foreach (var id in stopped)
        {
            rig.State.Find(id)!.SetStatus("stopped");
        }

        var restarts = await Task.WhenAll(running.Concat(stopped).Select(id => rig.Client.RestartClusterAsync(id)));
        var watches = restarts.Select(r => rig.Watch(r.Id, TensorOne.Client.Models.ClusterOperationKind.Restart, r.Status, TimeSpan.FromMinutes(10))).ToArray();

        await rig.RunUntilEndedAsync(TimeSpan.FromMinutes(1), watches);

        Assert.All(watches, w => Assert.Equal(WaitEnd.Succeeded, w.Result.End));
        Assert.All(rig.Reads, r => Assert.Equal(200, r.Status));
        var documented = new[] { "running", "stopped", "starting", "stopping", "error", "pending" };
        Assert.All(rig.Reads.Where(r => r.IsList), r => Assert.Contains(StatusOf(r), documented));

        // Those restarting from stopped are "starting", which a list shows; "restarting" no documented list holds.
        Assert.Contains(rig.Reads, r => r.IsList && StatusOf(r) == "starting");
        Assert.DoesNotContain(rig.Reads, r => r.IsSingleGet && r.Path.Contains("cluster_rs_", StringComparison.Ordinal) && r.At < S(2));
        Assert.Contains(rig.Reads, r => r.IsSingleGet && r.Path.Contains("cluster_rr_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Few_clusters_are_read_with_lean_single_gets()
    {
        await using var rig = await WatcherRig.StartAsync(stopPhaseSeconds: 1);
        rig.State.SeedMany(2, "cluster_few_");
        rig.State.SeedMany(300, "cluster_idle_");
        var watches = await rig.StopAndWatchAsync(["cluster_few_0001", "cluster_few_0002"], TimeSpan.FromMinutes(10));

        await rig.RunUntilEndedAsync(TimeSpan.FromMinutes(1), watches);

        Assert.All(watches, w => Assert.Equal(WaitEnd.Succeeded, w.Result.End));
        var rounds = rig.Reads.GroupBy(r => r.At).ToList();
        Assert.Equal([S(1), S(2), S(3), S(4)], rounds.Select(r => r.Key));
        Assert.All(rounds, round => Assert.Equal(2, round.Count(r => r.IsSingleGet)));
        Assert.DoesNotContain(rig.Reads, r => r.IsList);
        Assert.All(rig.Reads, r => Assert.Equal("?include_metrics=false&include_cost_breakdown=false", r.Query));
    }
}
