using Xunit;

namespace TensorOne.PowerShell.Tests;

/// <summary>-WhatIf, -Confirm and their preferences on the cmdlets that change a cluster.</summary>
public sealed class ShouldProcessTests
{
    [Theory]
    [InlineData("Stop-T1Cluster cluster_w -GracePeriodMinutes 7 -SnapshotName keep -WhatIf", "cluster_w", "Stop gracefully", "grace period 7 minutes", "snapshot 'keep'")]
    [InlineData("Stop-T1Cluster cluster_w -Immediate -DiscardData -Force -WhatIf", "cluster_w", "Stop immediately", "DATA VOLUMES DISCARDED")]
    [InlineData("Restart-T1Cluster cluster_w -PreserveState -DockerImage img:1 -WhatIf", "cluster_w", "Restart gracefully", "state preserved", "image 'img:1'")]
    public async Task WhatIf_sends_nothing_and_says_what_would_happen(string line, params string[] said)
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_w", "w");

        var result = h.Run(line);

        Assert.Empty(result.Output);
        Assert.Empty(h.Posts);
        Assert.Equal("running", h.State.Find("cluster_w")!.Status);
        Assert.All(said, text => Assert.Contains(text, result.HostText));
    }

    [Fact]
    public async Task WhatIf_shows_the_current_status_and_the_hourly_rate_the_stop_would_save()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_rate", "ml-train-02", hourlyRate: 10);
        h.State.AddCluster("cluster_cheap", "notebook", hourlyRate: 0.74);
        var result = h.Run("Get-T1Cluster | Stop-T1Cluster -WhatIf");

        Assert.Empty(h.Posts);
        Assert.Contains("ml-train-02 (cluster_rate): currently running, $10.00/hour", result.HostText);
        Assert.Contains("notebook (cluster_cheap): currently running, $0.74/hour", result.HostText);
    }

    [Fact]
    public async Task WhatIf_on_an_unknown_cluster_still_sends_no_stop_and_says_so()
    {
        await using var h = await Harness.StartAsync();
        var result = h.Run("Stop-T1Cluster cluster_ghost -WhatIf");
        Assert.Empty(h.Posts);
        Assert.Empty(result.Errors);
        Assert.Contains("cluster_ghost (current state unknown", result.HostText);
    }

    [Fact]
    public async Task WhatIfPreference_set_in_a_script_is_honoured_like_the_switch()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_pref", "pref", hourlyRate: 2);
        var result = h.Run("$WhatIfPreference = $true; Stop-T1Cluster cluster_pref; Restart-T1Cluster cluster_pref");
        Assert.Empty(h.Posts);
        Assert.Contains("pref (cluster_pref): currently running, $2.00/hour", result.HostText);
    }

    [Fact]
    public async Task Without_WhatIf_or_Confirm_no_read_precedes_the_stop()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_direct", "direct");
        h.Run("Stop-T1Cluster cluster_direct");
        Assert.Equal(new[] { "POST" }, h.State.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Default_preferences_never_prompt_in_a_host_without_a_console()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_np1", "np1");
        h.State.AddCluster("cluster_np2", "np2");
        var result = h.Run("Stop-T1Cluster cluster_np1; Restart-T1Cluster cluster_np2");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Output.Count);
        Assert.Equal(2, h.Posts.Count);
    }

    [Fact]
    public async Task Confirm_asks_the_host_and_sends_nothing_when_it_cannot_answer()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_c1", "c1");
        var result = h.RunCatching("Stop-T1Cluster cluster_c1 -Confirm");
        Assert.NotNull(result.Caught);
        Assert.Contains("prompted", result.Caught!.Exception.ToString());
        Assert.Empty(h.Posts);
    }
}
