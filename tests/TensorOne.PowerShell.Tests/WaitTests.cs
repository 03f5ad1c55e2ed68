namespace TensorOne.PowerShell.Tests;

public sealed class WaitTests
{
    /// <summary>
    /// Seconds of a simulated phase, long beside the module's polls (one second apart at first, a quarter
    /// of the operation's age later) and beside what the fake clock may run ahead of a busy module (a
    /// step per quiet moment): every phase is read at least once.
    /// </summary>
    public const double PhaseLongerThanPolls = 60;

    [Fact]
    public async Task Stop_Wait_shows_every_documented_phase_in_order_then_Completed_and_returns_stopped()
    {
        await using var h = await Harness.StartAsync(o => o.StopPhaseSeconds = PhaseLongerThanPolls);
        h.State.AddCluster("cluster_wait", "ml-train");
        var result = h.Run("Stop-T1Cluster cluster_wait -Wait -Verbose");

        Assert.Empty(result.Errors);
        var output = Assert.Single(result.Output);
        Assert.Equal("stopped", output.Properties["Status"].Value);
        Assert.Equal(true, output.Properties["Completed"].Value);
        var processing = result.Progress.Where(p => p.RecordType == ProgressRecordType.Processing).ToList();
        Assert.Equal(["Notifying processes", "Waiting for exit", "Releasing resources", "Cleaning up"], processing.Select(p => p.StatusDescription));
        Assert.All(processing, p => Assert.InRange(p.PercentComplete, 0, 100));
        Assert.All(processing, p => Assert.Contains("ml-train", p.Activity));
        Assert.Equal(ProgressRecordType.Completed, result.Progress.Last().RecordType);
        Assert.Contains(result.Verbose, v => v.Message.Contains("stopped after"));
    }

    [Fact]
    public async Task Restart_Wait_ends_running()
    {
        await using var h = await Harness.StartAsync(o => o.RestartPhaseSeconds = 0.3);
        h.State.AddCluster("cluster_rw", "rw");
        var result = h.Run("Restart-T1Cluster cluster_rw -Wait");
        Assert.Empty(result.Errors);
        var output = Assert.Single(result.Output);
        Assert.Equal("running", output.Properties["Status"].Value);
        Assert.Equal(true, output.Properties["Completed"].Value);
        Assert.Equal(ProgressRecordType.Completed, result.Progress.Last().RecordType);
    }

    [Fact]
    public async Task Thirty_piped_clusters_are_waited_together_with_few_reads()
    {
        // Waited together, each poll reads one page of the clusters still stopping; waited one by one,
        // every poll would read thirty clusters.
        await using var h = await Harness.StartAsync(o => o.StopPhaseSeconds = 2);
        var ids = h.State.SeedMany(30, "cluster_batch_");
        var started = h.Clock!.Fake.GetUtcNow();
        var result = h.Run("$ids | Stop-T1Cluster -Wait", new() { ["ids"] = ids.ToArray() });

        Assert.Empty(result.Errors);
        Assert.Equal(30, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("stopped", o.Properties["Status"].Value));
        var gets = h.State.Requests.Where(r => r.Method == "GET").ToList();
        // At most one read per poll (polls are a second apart at the closest) and one of where they ended.
        var pollsAtMost = (int)(h.Clock.Fake.GetUtcNow() - started).TotalSeconds + 1;
        Assert.True(gets.Count <= pollsAtMost + 1, $"{gets.Count} GETs in {pollsAtMost} polls at most");
        // A cluster is read alone at most once: when a page no longer lists it, to learn how it ended.
        Assert.All(gets.Where(r => r.ClusterId is not null).GroupBy(r => r.ClusterId), g => Assert.Single(g));
        Assert.Contains(result.Progress, p => p.ActivityId == 1 && p.Activity.Contains("30 clusters") && p.StatusDescription.Contains("of 30 stopped"));
        Assert.All(h.State.Requests.Where(r => r.Method == "GET" && r.ClusterId is null), r =>
        {
            // The list documents include_metrics only; the simulator refuses anything else. (A read of one
            // cluster, when a page no longer lists it, documents include_cost_breakdown too.)
            Assert.Contains("include_metrics=false", r.Query);
            Assert.DoesNotContain("include_cost_breakdown", r.Query);
        });
    }

    [Fact]
    public async Task A_wait_that_runs_out_of_time_is_an_OperationTimeout_naming_the_last_phase_while_the_others_finish()
    {
        // The shortest timeout the contract allows is one minute; this is the suite's one long test.
        await using var h = await Harness.StartAsync(o => o.StopPhaseSeconds = 300);
        h.State.AddCluster("cluster_slow", "slow");
        h.State.AddCluster("cluster_done", "done", status: "stopped");
        var result = h.Run("'cluster_slow', 'cluster_done' | Stop-T1Cluster -Wait -TimeoutMinutes 1");

        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.StartsWith("OperationTimeout", error.FullyQualifiedErrorId);
        Assert.Equal("cluster_slow", error.TargetObject);
        Assert.Contains("notifying_processes", error.ToString());
        Assert.Equal("cluster_done", (string)Assert.Single(result.Output).Properties["Id"].Value);
    }

    [Fact]
    public async Task Stopping_the_pipeline_ends_the_wait_without_waiting_for_the_operations()
    {
        await using var h = await Harness.StartAsync(o => o.StopPhaseSeconds = 120);
        h.State.SeedMany(5, "cluster_ctrlc_");
        var (shell, handle) = h.Session.Begin("Get-T1Cluster -Status running | Stop-T1Cluster -Wait");
        using (shell)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (h.Posts.Count < 5 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.Equal(5, h.Posts.Count);

            // The script runs outside Run, so the shared clock stands still and the wait sleeps until stopped.
            // It is stopped once the batch bar counts all five accepted stops: the module then knows what it
            // leaves running on the server.
            bool Waiting() => shell.Streams.Progress.ToList().Any(p => p.StatusDescription?.Contains(" of 5 stopped", StringComparison.Ordinal) == true);
            while (!Waiting() && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.True(Waiting(), "the wait never began: " + string.Join(" | ", shell.Streams.Progress.Select(p => p.StatusDescription)));
            // The stops take eight minutes and the wait's timeout is ten: a stop that ends at all
            // within the guard ended the wait rather than waiting it out.
            shell.Stop();
            Assert.True(handle.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60)), "Stop() did not end the wait");
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.Contains("go on on the server", h.Session.Host.Text);

            // It was the waiting that stopped, not the clusters.
            Assert.Contains("Cancelled", h.Session.Host.Text);
            Assert.DoesNotContain("Stopped.", h.Session.Host.Text);
            Assert.Contains("(5 clusters)", h.Session.Host.Text);
        }
    }
}
