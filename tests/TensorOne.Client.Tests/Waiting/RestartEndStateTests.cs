using TensorOne.Client.Models;
using TensorOne.Client.Requests;
using TensorOne.Client.Waiting;

namespace TensorOne.Client.Tests.Waiting;

/// <summary>
/// When a restart has ended. "running" is both where a restart starts and where it ends, and "error"
/// is where a recovery starts; the documented bare answer echoes the cluster as it was before.
/// </summary>
public sealed class RestartEndStateTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public async Task A_restart_seen_in_flight_ends_when_the_cluster_runs_again()
    {
        await using var rig = await WatcherRig.StartAsync(restartPhaseSeconds: 1);
        rig.State.AddCluster("cluster_r", "r");
        var restart = await rig.Client.RestartClusterAsync("cluster_r");
        Assert.Equal("restarting", restart.Status);
        var watch = rig.Watch("cluster_r", ClusterOperationKind.Restart, restart.Status, TimeSpan.FromMinutes(15));

        await rig.RunUntilEndedAsync(TimeSpan.FromMinutes(1), watch);

        var outcome = await watch;
        Assert.Equal(WaitEnd.Succeeded, outcome.End);
        Assert.Equal("running", outcome.LastSeen?.Status);
        Assert.Equal(S(3), outcome.Elapsed);
    }

    [Fact]
    public async Task A_restart_of_a_cluster_in_error_is_not_failed_by_an_answer_that_still_says_error()
    {
        await using var rig = await WatcherRig.StartAsync(restartPhaseSeconds: 1);
        rig.State.AddCluster("cluster_broken", "broken", status: "error");
        await rig.Client.RestartClusterAsync("cluster_broken", new RestartClusterRequest { Force = true });

        // As the bare shape may answer: the cluster as it was when asked.
        var watch = rig.Watch("cluster_broken", ClusterOperationKind.Restart, "error", TimeSpan.FromMinutes(15));
        await rig.RunUntilEndedAsync(TimeSpan.FromMinutes(1), watch);

        var outcome = await watch;
        Assert.Equal(WaitEnd.Succeeded, outcome.End);
        Assert.Equal("running", outcome.LastSeen?.Status);
    }

    [Fact]
    public async Task A_restart_that_falls_into_error_after_it_began_has_Failed()
    {
        await using var rig = await WatcherRig.StartAsync(restartPhaseSeconds: 60);
        var cluster = rig.State.AddCluster("cluster_fails", "fails", status: "error");
        await rig.Client.RestartClusterAsync("cluster_fails");
        var watch = rig.Watch("cluster_fails", ClusterOperationKind.Restart, "error", TimeSpan.FromMinutes(15));
        await rig.StepAsync(watch);
        Assert.False(watch.IsCompleted);

        cluster.SetStatus("error");
        await rig.RunUntilEndedAsync(TimeSpan.FromMinutes(1), watch);

        var outcome = await watch;
        Assert.Equal(WaitEnd.Failed, outcome.End);
        Assert.Equal(S(2), outcome.Elapsed);
    }

    [Fact]
    public async Task A_restart_quicker_than_the_first_poll_is_told_by_the_uptime_that_began_after_it()
    {
        // Two phases of 0.1 s: running again long before the first poll, so never seen in flight.
        await using var rig = await WatcherRig.StartAsync(restartPhaseSeconds: 0.1);
        rig.State.AddCluster("cluster_quick", "quick");
        await rig.Client.RestartClusterAsync("cluster_quick", new RestartClusterRequest { Force = true });

        var watch = rig.Watch("cluster_quick", ClusterOperationKind.Restart, "running", TimeSpan.FromMinutes(15));
        await rig.RunUntilEndedAsync(TimeSpan.FromMinutes(1), watch);

        var outcome = await watch;
        Assert.Equal(WaitEnd.Succeeded, outcome.End);
        Assert.Equal(S(1), outcome.Elapsed);
    }

    [Fact]
    public async Task A_running_cluster_whose_restart_has_not_begun_is_not_taken_for_restarted()
    {
        await using var rig = await WatcherRig.StartAsync(restartPhaseSeconds: 1);
        rig.State.AddCluster("cluster_idle", "idle");

        var watch = rig.Watch("cluster_idle", ClusterOperationKind.Restart, "running", S(20));
        await rig.RunUntilEndedAsync(TimeSpan.FromMinutes(1), watch);

        var outcome = await watch;
        Assert.Equal(WaitEnd.TimedOut, outcome.End);
        Assert.Equal("running", outcome.LastSeen?.Status);
    }
}
