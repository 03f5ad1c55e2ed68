namespace TensorOne.PowerShell.Tests;

/// <summary>-AsJob: a job in the session's job table that the job cmdlets drive, carrying results and per-cluster errors.</summary>
public sealed class AsJobTests
{
    [Fact]
    public async Task Stop_AsJob_returns_a_job_that_Get_Job_lists_and_Receive_Job_empties_with_results_and_errors()
    {
        await using var h = await Harness.StartAsync(o => o.StopPhaseSeconds = 0.2);
        h.State.AddCluster("cluster_j1", "j1");
        h.State.AddCluster("cluster_j2", "j2");

        var started = h.Run("$job = 'cluster_j1', 'cluster_gone', 'cluster_j2' | Stop-T1Cluster -Wait -AsJob; $job; (Get-Job -Id $job.Id).Id -eq $job.Id");
        Assert.True(started.Errors.Count == 0 && started.Terminating is null, started.AllText);
        var job = Assert.IsAssignableFrom<Job>(started.Output[0].BaseObject);
        Assert.Equal("TensorOneJob", job.PSJobTypeName);
        Assert.Equal(true, started.Output[1].BaseObject);

        var received = h.Run("$job | Wait-Job | Receive-Job; '---'; $job.State.ToString(); $job.HasMoreData");

        var results = received.Output.TakeWhile(o => !"---".Equals(o.BaseObject)).ToList();
        Assert.Equal(new[] { "cluster_j1", "cluster_j2" }, results.Select(o => o.Properties["Id"].Value?.ToString()).OrderBy(i => i));
        Assert.All(results, o =>
        {
            Assert.Equal("TensorOne.PowerShell.T1ClusterOperation", o.BaseObject.GetType().FullName);
            Assert.Equal("stopped", o.Properties["Status"].Value);
            Assert.Equal(true, o.Properties["Completed"].Value);
        });
        var error = Assert.Single(received.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("cluster_gone", error.TargetObject);
        Assert.Equal("Completed", received.Output[^2].BaseObject);
        Assert.Equal(false, received.Output[^1].BaseObject);
        Assert.DoesNotContain(h.Server.Options.ApiKey, started.AllText + received.AllText);
    }

    [Fact]
    public async Task Restart_AsJob_waits_in_the_job_and_Remove_Job_clears_the_table()
    {
        await using var h = await Harness.StartAsync(o => o.RestartPhaseSeconds = 0.2);
        h.State.AddCluster("cluster_rj", "rj");

        var result = h.Run("$job = Restart-T1Cluster cluster_rj -Wait -AsJob; $out = $job | Wait-Job | Receive-Job; $out; $job | Remove-Job; @(Get-Job).Count");

        Assert.True(result.Errors.Count == 0 && result.Terminating is null, result.AllText);
        Assert.Equal("running", result.Output[0].Properties["Status"].Value);
        Assert.Equal(0, result.Output[1].BaseObject);
    }

    [Fact]
    public async Task Stop_Job_cancels_the_wait_as_CtrlC_does_and_the_job_ends_Stopped()
    {
        await using var h = await Harness.StartAsync(o => o.StopPhaseSeconds = 30);
        h.State.AddCluster("cluster_long", "long");

        var started = h.Run("$job = Stop-T1Cluster cluster_long -Wait -AsJob");
        Assert.Empty(started.Errors);

        // Stopped once the stop has reached the server, so the warning has something to say.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!h.State.Requests.Any(r => r.Method == "POST") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var stopped = h.Run("$job | Stop-Job; $job.State.ToString(); @($job.Warning).Count; $job.Warning.Message; $job | Receive-Job -WarningVariable w -WarningAction SilentlyContinue; $w.Message");

        Assert.True(stopped.Output.Count > 0, stopped.AllText);
        Assert.Equal("Stopped", stopped.Output[0].BaseObject);
        Assert.True(stopped.Output.Skip(1).Any(o => o?.BaseObject?.ToString()?.Contains("go on on the server") == true), string.Join(" | ", stopped.Output.Select(o => o?.BaseObject?.ToString() ?? "<null>")) + "\n" + stopped.AllText);
        Assert.DoesNotContain(stopped.Output, o => o?.BaseObject?.GetType().Name == "T1ClusterOperation");
        Assert.Equal("stopping", h.State.Clusters.Single().Status);
        Assert.Equal(1, h.State.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task A_job_stopped_downstream_by_Select_Object_still_runs_and_completes()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_s1", "s1"), ("cluster_s2", "s2"));

        // Select-Object -First 1 stops the pipeline inside the cmdlet's WriteObject of the job.
        var result = h.Run("$job = 'cluster_s1', 'cluster_s2' | Stop-T1Cluster -AsJob | Select-Object -First 1; $null = $job | Wait-Job -Timeout 60; $job.State.ToString(); @($job | Receive-Job).Count");

        Assert.True(result.Errors.Count == 0 && result.Terminating is null, result.AllText);
        Assert.Equal("Completed", result.Output[^2].BaseObject);
        Assert.Equal(2, result.Output[^1].BaseObject);
        Assert.Equal(2, h.State.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task A_rejected_key_fails_the_job_with_one_AuthenticationError()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_k1", "k1"), ("cluster_k2", "k2"));
        h.Run("$s = [System.Security.SecureString]::new(); 'tpo_live_bad_job_key_123456'.ToCharArray() | ForEach-Object { $s.AppendChar($_) }; Connect-T1Account -ApiKey $s -BaseUri $uri -SkipValidation | Out-Null", new() { ["uri"] = h.Server.BaseUri });

        var result = h.Run("$job = 'cluster_k1', 'cluster_k2' | Stop-T1Cluster -AsJob; $job | Wait-Job | Receive-Job -ErrorAction SilentlyContinue -ErrorVariable e; $job.State.ToString(); $e.Count");

        Assert.Equal("Failed", result.Output[^2].BaseObject);
        Assert.Equal(1, result.Output[^1].BaseObject);
        Assert.Single(h.State.Requests, r => r.Method == "POST");
        Assert.DoesNotContain("bad_job_key", result.AllText);
    }
}
