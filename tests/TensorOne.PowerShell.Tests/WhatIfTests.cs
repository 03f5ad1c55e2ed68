namespace TensorOne.PowerShell.Tests;

/// <summary>-WhatIf on the cmdlets that change a cluster: nothing sent, and what would have happened said.</summary>
public sealed class WhatIfTests
{
    [Theory]
    [InlineData("Stop-T1Cluster cluster_w -GracePeriodMinutes 7 -SnapshotName keep -WhatIf", "cluster_w", "Stop gracefully", "grace period 7 minutes", "snapshot 'keep'")]
    [InlineData("Stop-T1Cluster cluster_w -Immediate -DiscardData -Force -WhatIf", "cluster_w", "Stop immediately", "DATA VOLUMES DISCARDED")]
    [InlineData("Restart-T1Cluster cluster_w -PreserveState -DockerImage img:1 -WhatIf", "cluster_w", "Restart gracefully", "state preserved", "image 'img:1'")]
    public async Task WhatIf_sends_nothing_and_says_what_would_happen(string line, params string[] said)
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_w", "w"));

        var result = h.Run(line);

        Assert.Empty(result.Output);
        Assert.Empty(h.Posts);
        Assert.Equal("running", h.State.Find("cluster_w")!.Status);
        Assert.All(said, text => Assert.Contains(text, result.HostText));
    }
}
