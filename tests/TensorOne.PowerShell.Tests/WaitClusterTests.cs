namespace TensorOne.PowerShell.Tests;

/// <summary>Wait-T1Cluster: the same watcher, progress and results as -Wait, for piped results and ids.</summary>
public sealed class WaitClusterTests
{
    // What depends on the cluster or the moment, not on how the wait was asked for.
    private static readonly string[] Varying = { "Id", "Name", "InitiatedAt", "EstimatedCompletion", "RequestId", "BillingStoppedAt", "SessionCost", "SnapshotName", "SnapshotId" };

    [Fact]
    public async Task Stop_piped_to_Wait_T1Cluster_writes_what_Stop_Wait_writes()
    {
        await using var h = await Harness.StartAsync(o => o.StopPhaseSeconds = 0.3);
        foreach (var id in new[] { "cluster_p1", "cluster_p2", "cluster_w1", "cluster_w2" })
        {
            h.State.AddCluster(id, id.Replace("cluster_", "n-"), hourlyRate: 3.5);
        }

        var piped = h.Run("'cluster_p1', 'cluster_p2' | Stop-T1Cluster -SaveState | Wait-T1Cluster -Verbose");
        var waited = h.Run("'cluster_w1', 'cluster_w2' | Stop-T1Cluster -SaveState -Wait -Verbose");

        Assert.True(piped.Errors.Count == 0 && piped.Terminating is null, piped.AllText);
        Assert.True(waited.Errors.Count == 0 && waited.Terminating is null, waited.AllText);
        Assert.Equal(2, piped.Output.Count);
        Assert.Equal(2, waited.Output.Count);
        var expected = waited.Output.OrderBy(o => o.Properties["Id"].Value).Select(Comparable).ToList();
        var actual = piped.Output.OrderBy(o => o.Properties["Id"].Value).Select(Comparable).ToList();
        Assert.True(expected.SequenceEqual(actual), "-Wait:\n" + string.Join("\n", expected) + "\nWait-T1Cluster:\n" + string.Join("\n", actual));
        Assert.All(piped.Output, o =>
        {
            Assert.Equal(waited.Output[0].BaseObject.GetType(), o.BaseObject.GetType());
            Assert.Equal(true, o.Properties["Completed"].Value);
            Assert.Equal("stopped", o.Properties["Status"].Value);
            Assert.Equal(3.5m, o.Properties["HourlyRateSaved"].Value);
            Assert.NotNull(o.Properties["SnapshotId"].Value);
        });

        // The same progress: a batch bar counting stopped clusters, closed at the end; the same milestones.
        Assert.Contains(piped.Progress, p => p.ActivityId == 1 && p.Activity == "Stopping 2 clusters");
        Assert.Equal(ProgressRecordType.Completed, piped.Progress.Last().RecordType);
        Assert.Contains(piped.Verbose, v => v.Message.Contains("stopped after"));
        Assert.Contains(piped.Verbose, v => v.Message.StartsWith("Waited on 2 clusters", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_piped_result_is_not_changed_and_restart_results_wait_until_running()
    {
        await using var h = await Harness.StartAsync(o => o.RestartPhaseSeconds = 0.2);
        h.State.AddCluster("cluster_r1", "r1");

        var result = h.Run("$r = Restart-T1Cluster cluster_r1; $r | Wait-T1Cluster; '---'; $r.Completed");

        Assert.True(result.Errors.Count == 0 && result.Terminating is null, result.AllText);
        var done = result.Output[0];
        Assert.Equal("Restart", done.Properties["Operation"].Value);
        Assert.Equal("running", done.Properties["Status"].Value);
        Assert.Equal(true, done.Properties["Completed"].Value);
        Assert.Equal("---", result.Output[1].BaseObject);
        Assert.Equal(false, result.Output[2].BaseObject);
    }

    [Fact]
    public async Task Bare_ids_wait_for_the_state_Status_names_and_Get_T1Cluster_output_for_the_operation_under_way()
    {
        await using var h = await Harness.StartAsync(o => o.StopPhaseSeconds = 0.3);
        h.State.AddCluster("cluster_s1", "s1");
        h.State.AddCluster("cluster_s2", "s2");
        h.State.AddCluster("cluster_idle", "idle");

        var result = h.Run(@"
            Stop-T1Cluster cluster_s1, cluster_s2 | Out-Null
            Get-T1Cluster -Id cluster_s2 | Wait-T1Cluster
            Wait-T1Cluster -Id cluster_s1 -Status stopped
            Wait-T1Cluster cluster_idle -ErrorAction SilentlyContinue -ErrorVariable unknown
            $unknown");

        Assert.Null(result.Terminating);
        var outputs = result.Output.Where(o => o.BaseObject is not ErrorRecord).ToList();
        Assert.Equal(new[] { "cluster_s2", "cluster_s1" }, outputs.Select(o => o.Properties["Id"].Value));
        Assert.All(outputs, o =>
        {
            Assert.Equal("Stop", o.Properties["Operation"].Value);
            Assert.Equal("stopped", o.Properties["Status"].Value);
            Assert.Equal(true, o.Properties["Completed"].Value);
        });

        // A running cluster has no operation under way: nothing tells which end state to wait for.
        var unknown = Assert.Single(result.Output.Select(o => o.BaseObject).OfType<ErrorRecord>());
        Assert.StartsWith("TensorOne.EndStateUnknown", unknown.FullyQualifiedErrorId);
        Assert.Equal("cluster_idle", unknown.TargetObject);
        Assert.Contains("-Status", unknown.Exception.Message);
        Assert.Equal(0, h.State.CommittedStops("cluster_idle"));
        Assert.DoesNotContain(h.State.Requests, r => r.Method == "POST" && r.ClusterId == "cluster_idle");
    }

    [Fact]
    public async Task A_cluster_that_cannot_be_found_is_one_error_and_the_others_are_waited_on()
    {
        await using var h = await Harness.StartAsync(o => o.StopPhaseSeconds = 0.2);
        h.State.AddCluster("cluster_ok", "ok");

        var result = h.Run("Stop-T1Cluster cluster_ok | Out-Null; 'cluster_gone', 'cluster_ok' | Wait-T1Cluster -Status stopped");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("cluster_gone", error.TargetObject);
        Assert.Equal("cluster_ok", Assert.Single(result.Output).Properties["Id"].Value);
    }

    [Fact]
    public async Task A_hand_made_result_with_a_bad_id_or_operation_is_refused_before_any_request()
    {
        await using var h = await Harness.StartAsync();

        var result = h.Run(@"
            [TensorOne.PowerShell.T1ClusterOperation]@{ Id = '../etc'; Operation = 'Stop' },
            [TensorOne.PowerShell.T1ClusterOperation]@{ Id = 'cluster_x'; Operation = 'Resize' } | Wait-T1Cluster");

        Assert.Null(result.Terminating);
        Assert.Equal(new[] { "TensorOne.InvalidClusterId", "TensorOne.UnknownOperation" }, result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category));
        Assert.Empty(h.State.Requests);
    }

    [Fact]
    public async Task A_wait_that_runs_out_of_time_fails_as_Stop_Wait_fails_with_the_same_TimeoutMinutes()
    {
        // One minute is the shortest timeout allowed; both waits run side by side in that minute.
        await using var h = await Harness.StartAsync(o => o.StopPhaseSeconds = 300);
        h.State.AddCluster("cluster_slow_a", "slow");
        h.State.AddCluster("cluster_slow_b", "slow");
        // The second session's clients of this simulator run on the shared fake clock too: its script steps it
        // as well, or its wait would sleep on a clock nobody moves once the first script has ended.
        using var other = new PowerShellSession(h.Server) { Clock = h.Clock };

        var viaWait = Task.Run(() => h.Run("Stop-T1Cluster cluster_slow_a -Wait -TimeoutMinutes 1"));
        var viaPipe = Task.Run(() => other.Run("Stop-T1Cluster cluster_slow_b | Wait-T1Cluster -TimeoutMinutes 1"));
        var (waited, piped) = (await viaWait, await viaPipe);

        var expected = Assert.Single(waited.Errors);
        var actual = Assert.Single(piped.Errors);
        Assert.Empty(piped.Output);
        Assert.Equal(expected.CategoryInfo.Category, actual.CategoryInfo.Category);
        Assert.Equal(expected.FullyQualifiedErrorId.Split(',')[0], actual.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal("cluster_slow_b", actual.TargetObject);
        Assert.Equal(Normalize(expected.Exception.Message, "cluster_slow_a"), Normalize(actual.Exception.Message, "cluster_slow_b"));
        Assert.Contains("within 1 minute;", actual.Exception.Message);
    }

    [Fact]
    public async Task Status_naming_a_state_a_cluster_at_rest_cannot_reach_is_refused_at_once_and_one_it_is_in_is_done_at_once()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_rest_stopped", "rs", status: "stopped");
        h.State.AddCluster("cluster_rest_running", "rr");

        var result = h.Run(@"
            Wait-T1Cluster -Id cluster_rest_stopped -Status running -TimeoutMinutes 1
            Wait-T1Cluster -Id cluster_rest_running -Status running -TimeoutMinutes 1");

        // One read each, no polling for the timeout: nothing is under way.
        Assert.Equal(2, h.State.Requests.Count(r => r.Method == "GET"));
        var refused = Assert.Single(result.Errors);
        Assert.Equal("cluster_rest_stopped", refused.TargetObject);
        Assert.StartsWith("TensorOne.NothingToWaitFor", refused.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, refused.CategoryInfo.Category);
        Assert.Contains("is stopped with no stop or restart under way", refused.Exception.Message);
        Assert.Contains("Restart-T1Cluster cluster_rest_stopped", refused.Exception.Message);
        Assert.DoesNotContain("goes on on the server", refused.Exception.Message);

        var done = Assert.Single(result.Output);
        Assert.Equal("cluster_rest_running", done.Properties["Id"].Value);
        Assert.Equal("running", done.Properties["Status"].Value);
        Assert.Equal(true, done.Properties["Completed"].Value);
    }

    // The percentage of the last poll depends on when it was read.
    private static string Normalize(string message, string id) =>
        System.Text.RegularExpressions.Regex.Replace(message.Replace(id, "<id>"), @" \(\d+%\)", "");

    private static string Comparable(PSObject operation) =>
        string.Join("|", operation.Properties
            .Where(p => !Varying.Contains(p.Name))
            .Select(p => p.Name + "=" + (p.Value is Array a ? string.Join(",", a.Cast<object>()) : p.Value)));
}
