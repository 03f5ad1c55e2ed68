namespace TensorOne.PowerShell.Tests;

/// <summary>What a result says once -Wait has seen the operation end: the end, not a phase from the middle.</summary>
public sealed class ResultFieldsAfterWaitTests
{
    [Theory]
    [InlineData(ResponseShape.Envelope)]
    [InlineData(ResponseShape.Bare)]
    public async Task A_finished_stop_says_its_end_and_no_step_left_over_from_the_middle(ResponseShape shape)
    {
        await using var h = await Harness.StartAsync(o => o.Shape = shape);
        h.State.AddCluster("cluster_end", "end");

        var result = h.Run("Stop-T1Cluster cluster_end -Wait");

        Assert.Empty(result.Errors);
        var stopped = Assert.Single(result.Output);
        Assert.Equal("stopped", stopped.Properties["Status"].Value);
        Assert.Equal(true, stopped.Properties["Completed"].Value);
        Assert.Equal("completed", stopped.Properties["Phase"].Value);
        Assert.Equal(100, stopped.Properties["PercentComplete"].Value);
        var step = stopped.Properties["CurrentStep"].Value as string;
        Assert.True(string.IsNullOrEmpty(step) || step.Contains("complete", StringComparison.OrdinalIgnoreCase), $"CurrentStep after the end: '{step}'");
    }

    [Theory]
    [InlineData(ResponseShape.Envelope)]
    [InlineData(ResponseShape.Bare)]
    public async Task A_restart_from_a_piped_snapshot_says_which_snapshot_it_restored_whatever_shape_its_answer_has(ResponseShape restartShape)
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_snap", "snap"));
        var stopped = h.Run("$global:stopped = Stop-T1Cluster cluster_snap -SaveState -Wait; $global:stopped.SnapshotId");
        var snapshot = Assert.Single(stopped.Output).BaseObject as string;
        Assert.False(string.IsNullOrEmpty(snapshot));

        // The bare cluster object a server may answer a restart with echoes nothing of the request.
        h.Server.Options.Shape = restartShape;
        var result = h.Run("$global:stopped | Restart-T1Cluster -Wait");

        Assert.Empty(result.Errors);
        var restarted = Assert.Single(result.Output);
        Assert.Equal("running", restarted.Properties["Status"].Value);
        var sent = System.Text.Json.JsonDocument.Parse(h.Posts.Last().Body).RootElement.GetProperty("restore_from_snapshot").GetString();
        Assert.Equal(snapshot, sent);
        Assert.Equal(snapshot, restarted.Properties["RestoredFromSnapshot"].Value);
        Assert.Equal("ready", restarted.Properties["Phase"].Value);
        var step = restarted.Properties["CurrentStep"].Value as string;
        Assert.True(string.IsNullOrEmpty(step) || step.Contains("ready", StringComparison.OrdinalIgnoreCase), $"CurrentStep after the end: '{step}'");
    }
}
