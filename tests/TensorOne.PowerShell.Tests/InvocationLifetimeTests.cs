namespace TensorOne.PowerShell.Tests;

/// <summary>
/// Nothing an invocation starts outlives it, and nothing it sent goes unreported: a consumer
/// downstream that has enough stops the work, a key revoked mid-batch stops only new sends, and a
/// fault nobody expected is one cluster's record, not the batch's end.
/// </summary>
public sealed class InvocationLifetimeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task After_Select_Object_First_1_the_server_sees_no_more_reads_of_the_clusters_still_stopping()
    {
        // Long phases: the other three stops are still under way, for many polling rounds, when the first result is written.
        await using var harness = await Harness.StartAsync(o => o.StopPhaseSeconds = 2);
        harness.State.AddCluster("cluster_first", "first", status: "stopped");
        foreach (var id in new[] { "cluster_b", "cluster_c", "cluster_d" })
        {
            harness.State.AddCluster(id, id);
        }

        var result = harness.Run("'cluster_b', 'cluster_c', 'cluster_d', 'cluster_first' | Stop-T1Cluster -Wait | Select-Object -First 1");
        var seenWhenItReturned = harness.State.Requests.Count;

        Assert.Null(result.Terminating);
        var only = Assert.Single(result.Output);
        Assert.Equal("cluster_first", only.Properties["Id"].Value);

        // Until the stops it sent end on the server, an invocation left running would go on reading them.
        // The already stopped cluster answers first, so every other stop was sent before the first result was written.
        var sent = new[] { "cluster_b", "cluster_c", "cluster_d" };
        Assert.All(sent, id => Assert.Equal(1, harness.State.CommittedStops(id)));
        // Nothing of the invocation is left asleep on the clock to wake a read later: its watcher's sleep
        // ended with it, so moving time on past the stops' end sends nothing.
        var clock = harness.Clock!.Clock;
        Assert.True(clock.NextSleepDue(TimeSpan.FromMinutes(1)) is null, "still asleep on the clock: " + clock.Describe());
        clock.Fake.Advance(TimeSpan.FromSeconds(4 * 2 + 1));
        Assert.All(sent, id => Assert.Equal("stopped", harness.State.Find(id)!.Status));
        var after = harness.State.Requests.Skip(seenWhenItReturned).Select(r => r.Method + " " + r.Path).ToList();
        output.WriteLine($"requests after the pipeline ended: {after.Count}");
        Assert.True(after.Count == 0, "requests after the pipeline ended: " + string.Join(", ", after));
    }

    [Fact]
    public async Task A_key_revoked_mid_batch_reports_every_committed_stop_and_names_every_cluster_not_sent()
    {
        await using var harness = await Harness.StartAsync(o =>
        {
            o.RevokeKeyAfterWrites = 10;
            o.Faults.SlowDelay = TimeSpan.FromSeconds(1.5);
            o.Faults.Add(new FaultRule(FaultKind.SlowAfterHandler, 1.0, "POST"));
        });
        var ids = Enumerable.Range(1, 50).Select(i => $"cluster_r{i:00}").ToList();
        foreach (var id in ids)
        {
            harness.State.AddCluster(id, id);
        }

        var result = harness.Run("$ids | Stop-T1Cluster", new() { ["ids"] = ids.ToArray() });

        var committed = ids.Where(id => harness.State.CommittedStops(id) == 1).ToList();
        var posted = harness.Posts.Select(p => p.Path.Split('/')[^2]).ToHashSet(StringComparer.Ordinal);
        var objects = result.Output.Select(o => (string)o.Properties["Id"].Value).ToList();
        var records = result.Errors.Select(e => e.TargetObject as string).ToList();
        // The rejected key ends the command (statement-terminating inside a script: it lands on the error stream).
        if (result.Terminating is IContainsErrorRecord terminating)
        {
            records.Add(terminating.ErrorRecord.TargetObject as string);
        }

        output.WriteLine(
            $"committed {committed.Count}, posted {posted.Count}, objects {objects.Count}, records {records.Count}, clusters with neither {ids.Count(id => !objects.Contains(id) && !records.Contains(id))}; warnings: {string.Join(" | ", result.Warnings.Select(w => w.Message))}");
        Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("UNAUTHORIZED", StringComparison.Ordinal));
        Assert.Equal(10, committed.Count);
        Assert.Equal(committed.OrderBy(x => x, StringComparer.Ordinal), objects.OrderBy(x => x, StringComparer.Ordinal));
        Assert.All(ids, id => Assert.Equal(1, objects.Count(o => o == id) + records.Count(r => r == id)));
        var notSent = result.Errors.Where(e => e.FullyQualifiedErrorId.StartsWith("TensorOne.NotSent", StringComparison.Ordinal)).Select(e => (string)e.TargetObject).ToList();
        Assert.NotEmpty(notSent);
        Assert.All(notSent, id => Assert.DoesNotContain(id, posted));
        Assert.All(ids.Where(id => !posted.Contains(id)), id => Assert.Contains(id, notSent));
        Assert.Contains(result.Warnings, w => w.Message.Contains(notSent.Count + " clusters' requests were not sent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fault_nobody_expected_is_one_record_for_its_cluster_and_the_other_reads_go_on()
    {
        await using var harness = await Harness.StartAsync(o =>
        {
            o.Faults.Add(new FaultRule(FaultKind.UptimeBeyondAnyDuration, 1.0, "GET", "/clusters/cluster_odd1$"));
            o.Faults.Add(new FaultRule(FaultKind.UptimeBeyondAnyDuration, 1.0, "GET", "/clusters/cluster_odd2$"));
        });
        foreach (var id in new[] { "cluster_ok1", "cluster_odd1", "cluster_ok2", "cluster_odd2" })
        {
            harness.State.AddCluster(id, id);
        }

        var result = harness.Run("Get-T1Cluster -Id cluster_ok1, cluster_odd1, cluster_ok2, cluster_odd2");

        Assert.Null(result.Terminating);
        Assert.Equal(new[] { "cluster_ok1", "cluster_ok2" }, result.Output.Select(o => (string)o.Properties["Id"].Value).OrderBy(x => x, StringComparer.Ordinal));
        Assert.Equal(new[] { "cluster_odd1", "cluster_odd2" }, result.Errors.Select(e => (string)e.TargetObject).OrderBy(x => x, StringComparer.Ordinal));
    }
}
