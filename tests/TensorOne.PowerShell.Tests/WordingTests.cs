namespace TensorOne.PowerShell.Tests;

/// <summary>The words a user reads: each thing said once, in the right number, meaning what it says.</summary>
public sealed class WordingTests
{
    [Fact]
    public async Task A_cluster_that_is_not_found_is_named_once_in_the_message()
    {
        await using var h = await Harness.StartAsync();

        var result = h.Run("Get-T1Cluster -Id cluster_nosuch");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(error.ToString(), "cluster_nosuch"));
    }

    [Fact]
    public async Task A_rejected_key_gives_its_advice_once_as_the_recommended_action()
    {
        await using var server = await TensorOne.Simulator.SimulatorServer.StartAsync(new TensorOne.Simulator.SimulatorOptions());
        server.State.AddCluster("cluster_k", "k");
        using var session = new PowerShellSession(server, "tpo_live_WRONG_key_for_wording");

        var result = session.RunCatching("Stop-T1Cluster cluster_k");

        var record = Assert.IsType<ErrorRecord>(result.Caught);
        Assert.Equal(ErrorCategory.AuthenticationError, record.CategoryInfo.Category);
        Assert.Contains("Connect-T1Account", record.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain("Suggestion", record.ErrorDetails.Message);
        Assert.DoesNotContain("Suggestion", record.ToString());
    }

    [Fact]
    public async Task A_spent_rate_limit_window_says_when_it_resets_and_not_to_lower_ThrottleLimit()
    {
        await using var h = await Harness.StartAsync(o =>
        {
            o.Faults.RetryAfter = TimeSpan.FromSeconds(1800);
            o.Faults.Add(FaultKind.TooManyRequests, 1, "POST", limit: 1);
        });
        h.State.AddCluster("cluster_rl", "rl");
        h.State.AddCluster("cluster_rl2", "rl2");

        var result = h.Run("'cluster_rl', 'cluster_rl2' | Stop-T1Cluster");

        Assert.Equal(2, result.Errors.Count);
        var error = result.Errors[0];
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Matches(@"until \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ", error.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain("ThrottleLimit", error.ErrorDetails.RecommendedAction);

        // One cluster left unsent: the batch's warning speaks of it in the singular.
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("1 of 2 stop requests were sent; 1 was not sent", warning.Message);
        Assert.Contains("for that cluster", warning.Message);
    }

    [Fact]
    public async Task AsJob_jobs_are_named_for_the_command_and_what_it_acts_on()
    {
        await using var h = await Harness.StartAsync();
        h.State.SeedMany(3, "cluster_jobname_");
        h.State.AddCluster("cluster_solo", "solo");

        var result = h.Run(@"
            $many = 'cluster_jobname_00001', 'cluster_jobname_00002', 'cluster_jobname_00003' | Stop-T1Cluster -AsJob
            $one = Restart-T1Cluster cluster_solo -AsJob
            $many, $one | Wait-Job | Out-Null
            $many.Name; $one.Name; (Get-Job -Name 'Stop-T1Cluster*').Count");

        Assert.True(result.Errors.Count == 0 && result.Terminating is null, result.AllText);
        Assert.Equal("Stop-T1Cluster (3 clusters)", result.Output[0].BaseObject);
        Assert.Equal("Restart-T1Cluster cluster_solo", result.Output[1].BaseObject);
        Assert.Equal(1, result.Output[2].BaseObject);
    }

    [Fact]
    public async Task A_cluster_already_stopped_reads_as_already_stopped_not_as_just_completed()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_was", "was", status: "stopped");
        h.State.AddCluster("cluster_now", "now");

        var result = h.Run("$r = 'cluster_was', 'cluster_now' | Stop-T1Cluster -Wait -WarningAction SilentlyContinue | Sort-Object Id; $r; $r | Format-Table | Out-String -Width 80");

        Assert.Empty(result.Errors);
        var now = result.Output[0];
        var was = result.Output[1];
        Assert.Equal("cluster_was", was.Properties["Id"].Value);
        Assert.Equal("already_stopped", was.Properties["Phase"].Value);
        Assert.Equal("Already stopped", was.Properties["PhaseName"].Value);
        Assert.Null(was.Properties["CurrentStep"].Value);
        Assert.Equal("completed", now.Properties["Phase"].Value);
        var table = (string)result.Output[2].BaseObject;
        Assert.Matches(@"cluster_was .*Already stopped", table);
        Assert.Matches(@"cluster_now .*Completed", table);
    }
}
