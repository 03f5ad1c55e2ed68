namespace TensorOne.PowerShell.Tests;

/// <summary>
/// What a user sees when a restart meets a gateway that answers its own page after the API committed,
/// or reads that lag the writes: one restart on the server, and either its result or one error that
/// says exactly what was sent. Never a second restart, never a failure for a restart that happened.
/// </summary>
public sealed class WriteSafetyTests
{
    [Fact]
    public async Task A_restart_behind_a_gateway_503_page_after_commit_is_one_restart_and_its_result()
    {
        await using var h = await Harness.StartAsync(o =>
        {
            o.RestartPhaseSeconds = 30;
            o.Faults.Add(FaultKind.GatewayPageAfterCommit, 1, "POST", "/restart$");
        });
        h.State.AddCluster("cluster_gw", "gw");

        var result = h.Run("Restart-T1Cluster -Id cluster_gw -Confirm:$false -Verbose");

        Assert.Empty(result.Errors);
        var restarted = Assert.Single(result.Output);
        Assert.Equal("restarting", restarted.Properties["Status"].Value);
        Assert.Single(h.Posts);
        Assert.Equal(1, h.State.CommittedRestarts("cluster_gw"));
        Assert.Contains(result.Verbose, v => v.Message.Contains("the restart got through; it is not sent again", StringComparison.Ordinal)
            || v.Message.Contains("that restart got through; it is not sent again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_quick_restart_whose_answer_is_lost_behind_lagging_reads_is_one_error_saying_what_was_sent()
    {
        await using var h = await Harness.StartAsync(o =>
        {
            o.Shape = ResponseShape.Bare;
            o.RestartPhaseSeconds = 0;
            o.ReadLag = TimeSpan.FromSeconds(2);
            o.Faults.Add(FaultKind.ResetAfterHandler, 1, "POST", "/restart$");
        });
        h.State.AddCluster("cluster_gw", "gw");

        var result = h.Run("Restart-T1Cluster -Id cluster_gw -Confirm:$false");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("OUTCOME_UNKNOWN", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal("cluster_gw", error.TargetObject);
        Assert.Contains("POST /clusters/cluster_gw/restart was sent once", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("It was not sent again", error.Exception.Message, StringComparison.Ordinal);
        Assert.Single(h.Posts);
        Assert.Equal(1, h.State.CommittedRestarts("cluster_gw"));
    }
}
