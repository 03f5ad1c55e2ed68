using Xunit;

namespace TensorOne.PowerShell.Tests;

public sealed class PipelineBindingTests
{
    [Fact]
    public async Task Strings_bind_from_the_pipeline()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_p1", "p1");
        h.State.AddCluster("cluster_p2", "p2");
        var result = h.Run("'cluster_p1', 'cluster_p2' | Stop-T1Cluster -Reason pipe");
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "cluster_p1", "cluster_p2" }, result.Output.Select(o => (string)o.Properties["Id"].Value).OrderBy(i => i));
        Assert.Equal(new[] { "/v2/clusters/cluster_p1/stop", "/v2/clusters/cluster_p2/stop" }, h.Posts.Select(p => p.Path).OrderBy(p => p));
    }

    [Fact]
    public async Task Get_T1Cluster_output_binds_by_Id()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_g1", "keep-1");
        h.State.AddCluster("cluster_g2", "keep-2");
        h.State.AddCluster("cluster_g3", "other");
        var result = h.Run("Get-T1Cluster -Name 'keep-*' | Stop-T1Cluster");
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "cluster_g1", "cluster_g2" }, h.Posts.Select(p => p.ClusterId).OrderBy(i => i));
    }

    [Fact]
    public async Task Rows_with_cluster_id_or_ClusterId_bind_as_from_Import_Csv()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_r1", "r1");
        h.State.AddCluster("cluster_r2", "r2");
        var result = h.Run("[pscustomobject]@{ cluster_id = 'cluster_r1'; note = 'x' }, [pscustomobject]@{ ClusterId = 'cluster_r2' } | Stop-T1Cluster");
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "cluster_r1", "cluster_r2" }, h.Posts.Select(p => p.ClusterId).OrderBy(i => i));
    }

    [Fact]
    public async Task Stop_results_pipe_into_Restart_with_their_snapshot()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_snap", "snap");
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
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_had_snap", "had-snap");
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
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_a", "a");
        h.State.AddCluster("cluster_b", "b");
        var result = h.Run("Restart-T1Cluster cluster_a, cluster_b");
        Assert.Empty(result.Errors);
        Assert.Equal(2, h.Posts.Count);
    }
}
