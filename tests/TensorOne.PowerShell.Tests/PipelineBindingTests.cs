namespace TensorOne.PowerShell.Tests;

public sealed class PipelineBindingTests
{
    [Theory]
    [InlineData("'cluster_a', 'cluster_b' | Stop-T1Cluster -Reason pipe")]
    [InlineData("Get-T1Cluster -Name 'keep-*' | Stop-T1Cluster")]
    [InlineData("[pscustomobject]@{ cluster_id = 'cluster_a'; note = 'x' }, [pscustomobject]@{ ClusterId = 'cluster_b' } | Stop-T1Cluster")]
    public async Task Strings_Get_T1Cluster_output_and_rows_as_from_Import_Csv_bind_from_the_pipeline(string line)
    {
        await using var h = await StartWithTwoKeepersAndAnotherAsync();

        var result = h.Run(line);

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "/v2/clusters/cluster_a/stop", "/v2/clusters/cluster_b/stop" }, h.Posts.Select(p => p.Path).Order());
        Assert.Equal(new[] { "cluster_a", "cluster_b" }, result.Output.Select(o => (string)o.Properties["Id"].Value).Order());
    }

    [Fact]
    public async Task Stop_results_pipe_into_Restart_with_their_snapshot()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_snap", "snap"));
        var result = h.Run("Stop-T1Cluster cluster_snap -SaveState -Wait | Restart-T1Cluster -Wait");
        Assert.Empty(result.Errors);
        var restart = h.Posts.Single(p => p.Path.EndsWith("/restart"));
        var snapshot = h.State.Find("cluster_snap")!.SnapshotId;
        Assert.NotNull(snapshot);
        Assert.Contains($"\"restore_from_snapshot\":\"{snapshot}\"", restart.Body);
        Assert.Equal("running", Assert.Single(result.Output).Properties["Status"].Value);
    }

    [Fact]
    public async Task Clusters_piped_from_Get_restart_without_restoring_their_last_snapshot()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_had_snap", "had-snap"));
        h.Run("Stop-T1Cluster cluster_had_snap -SaveState -Wait");
        Assert.NotNull(h.State.Find("cluster_had_snap")!.SnapshotId);

        var result = h.Run("Get-T1Cluster -Status stopped | Restart-T1Cluster -Reason again");
        Assert.Empty(result.Errors);
        var restart = h.Posts.Single(p => p.Path.EndsWith("/restart"));
        Assert.DoesNotContain("restore_from_snapshot", restart.Body);
    }

    [Fact]
    public async Task Positional_array_of_ids_is_accepted()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_a", "a"), ("cluster_b", "b"));
        var result = h.Run("Restart-T1Cluster cluster_a, cluster_b");
        Assert.Empty(result.Errors);
        Assert.Equal(2, h.Posts.Count);
    }

    private static async Task<Harness> StartWithTwoKeepersAndAnotherAsync()
    {
        var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_a", "keep-1");
        h.State.AddCluster("cluster_b", "keep-2");
        h.State.AddCluster("cluster_other", "other");
        return h;
    }
}
