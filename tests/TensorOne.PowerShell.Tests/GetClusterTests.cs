namespace TensorOne.PowerShell.Tests;

public sealed class GetClusterTests
{
    [Fact]
    public async Task Lists_every_page_and_returns_typed_clusters()
    {
        await using var h = await Harness.StartAsync();
        h.State.SeedMany(250, "cluster_many_");
        var result = h.Run("Get-T1Cluster");

        Assert.Empty(result.Errors);
        Assert.Equal(250, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("TensorOne.PowerShell.T1Cluster", o.TypeNames[0]));
        var lists = h.State.Requests.Where(r => r.Method == "GET").ToList();
        Assert.Equal(3, lists.Count);
        Assert.All(lists, r => Assert.Contains("limit=100", r.Query));
    }

    [Fact]
    public async Task Select_Object_First_3_downstream_sends_exactly_one_list_request()
    {
        await using var h = await Harness.StartAsync();
        var ids = h.State.SeedMany(250, "cluster_first3_");

        var result = h.Run("Get-T1Cluster | Select-Object -First 3 | ForEach-Object Id");

        Assert.Empty(result.Errors);
        Assert.Equal(ids.Take(3), result.Output.Select(o => o.BaseObject.ToString()));
        var list = Assert.Single(h.State.Requests, r => r.Method == "GET");
        Assert.Contains("page=1&", list.Query);
    }

    [Fact]
    public async Task Idle_filter_selects_exactly_the_clusters_idle_for_more_than_30_minutes()
    {
        await using var h = await Harness.StartAsync();
        var now = DateTimeOffset.UtcNow;
        h.State.AddCluster("cluster_idle_2h", "idle-2h", lastAccessed: now.AddHours(-2));
        h.State.AddCluster("cluster_idle_31m", "idle-31m", lastAccessed: now.AddMinutes(-31));
        h.State.AddCluster("cluster_busy_29m", "busy-29m", lastAccessed: now.AddMinutes(-29));
        h.State.AddCluster("cluster_busy_now", "busy-now", lastAccessed: now);
        h.State.AddCluster("cluster_stopped_idle", "stopped-idle", status: "stopped", lastAccessed: now.AddDays(-3));
        var result = h.Run("Get-T1Cluster -Status running | Where-Object { $_.IdleTime -gt [TimeSpan]::FromMinutes(30) } | ForEach-Object Id");
        Assert.Equal(new[] { "cluster_idle_2h", "cluster_idle_31m" }, result.Output.Select(o => o.BaseObject.ToString()).OrderBy(i => i));

        var asWritten = h.Run("Get-T1Cluster -Status running | Where-Object IdleTime -gt '00:30:00' | ForEach-Object Id");
        Assert.Equal(new[] { "cluster_idle_2h", "cluster_idle_31m" }, asWritten.Output.Select(o => o.BaseObject.ToString()).OrderBy(i => i));
        Assert.Contains(h.State.Requests, r => r.Query.Contains("status=running"));
    }

    [Fact]
    public async Task Get_by_id_reads_one_cluster_with_its_details()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_one", "one", gpuType: "A100", hourlyRate: 3.25, gpuUtilization: 42);
        var output = Assert.Single(h.Run("Get-T1Cluster -Id cluster_one").Output);
        Assert.Equal("one", output.Properties["Name"].Value);
        Assert.Equal(3.25m, output.Properties["HourlyRate"].Value);
        Assert.Equal(42d, output.Properties["GpuUtilization"].Value);
        Assert.IsType<TimeSpan>(output.Properties["IdleTime"].Value);
    }
}
