namespace TensorOne.PowerShell.Tests;

/// <summary>
/// What is not an id, an empty update, ids that differ only in case, a key too short to be one, and a
/// redirect: each is refused or said plainly, and nothing that should not be sent is sent.
/// </summary>
public sealed class NonIdInputTests
{
    [Theory]
    [InlineData("@{Foo='bar'} | Stop-T1Cluster", "hashtable without an Id")]
    [InlineData("@{Foo='bar'} | Restart-T1Cluster", "hashtable without an Id")]
    [InlineData("[pscustomobject]@{Name='x'} | Stop-T1Cluster", "without an Id, ClusterId or cluster_id")]
    [InlineData("@{Foo='bar'} | Wait-T1Cluster -Status stopped", "hashtable without an Id")]
    [InlineData("Get-T1Cluster -Id @{Foo='bar'}", "hashtable without an Id")]
    [InlineData("Stop-T1Cluster -Id @{Foo='bar'}", "hashtable without an Id")]
    [InlineData("[datetime]::UtcNow | Stop-T1Cluster", "System.DateTime")]
    [InlineData("[pscustomobject]@{Id=[datetime]::UtcNow} | Stop-T1Cluster", "whose Id is neither text nor a whole number")]
    public async Task Input_that_is_not_an_id_is_refused_before_anything_is_sent(string script, string said)
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_x", "x"));

        var result = h.RunCatching(script);

        var error = result.Caught ?? Assert.Single(result.Errors);
        Assert.Contains(said, error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(h.State.Requests);
    }

    [Theory]
    [InlineData("@{Id='cluster_x'} | Stop-T1Cluster")]
    [InlineData("@{cluster_id='cluster_x'} | Stop-T1Cluster")]
    [InlineData("[pscustomobject]@{ClusterId='cluster_x'} | Stop-T1Cluster")]
    [InlineData("'cluster_x' | Stop-T1Cluster")]
    [InlineData("[pscustomobject]@{Id='cluster_x'} | Stop-T1Cluster")]
    public async Task Hashtables_and_objects_that_carry_an_id_are_taken_by_it(string script)
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_x", "x"));

        var result = h.Run(script);

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "cluster_x" }, h.Posts.Select(p => p.ClusterId));
    }

    [Theory]
    [InlineData("Restart-T1Cluster cluster_x -Configuration @{}")]
    [InlineData("Restart-T1Cluster cluster_x -Environment @{}")]
    [InlineData("Restart-T1Cluster cluster_x -PortMapping @{}")]
    [InlineData("Restart-T1Cluster cluster_x -PortMapping @(@{ container_port = 80; host_port = 8080 }, @{})")]
    public async Task Empty_updates_are_refused_before_anything_is_sent(string script)
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_x", "x"));

        var result = h.RunCatching(script);

        Assert.NotNull(result.Caught);
        Assert.Empty(h.State.Requests);
    }

    [Fact]
    public async Task Ids_that_differ_only_in_case_are_two_clusters()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_A", "upper"), ("cluster_a", "lower"));

        var result = h.Run("'cluster_A', 'cluster_a', 'cluster_a' | Stop-T1Cluster");

        Assert.Equal(new[] { "cluster_A", "cluster_a" }, h.Posts.Select(p => p.ClusterId!).OrderBy(i => i, StringComparer.Ordinal));
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("'cluster_a' appears more than once", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("e")]
    [InlineData("tpo_live_")]
    public void A_key_shorter_than_any_real_key_is_refused_by_Connect_T1Account(string key)
    {
        using var session = new PowerShellSession();
        var result = session.RunCatching(
            "$s = [System.Security.SecureString]::new(); $k.ToCharArray() | ForEach-Object { $s.AppendChar($_) }; Connect-T1Account -ApiKey $s -BaseUri http://127.0.0.1:1/v2",
            new() { ["k"] = key });

        Assert.NotNull(result.Caught);
        Assert.Equal("TensorOne.InvalidApiKey,TensorOne.PowerShell.Cmdlets.ConnectT1AccountCmdlet", result.Caught!.FullyQualifiedErrorId);
        Assert.Contains("shorter than any TensorOne key", result.Caught.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_names_the_location_and_how_to_set_BaseUri_as_a_connection_error()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_x", "x"));
        h.Server.Options.Faults.Add(FaultKind.Redirect, 1, "POST");

        var result = h.Run("Stop-T1Cluster cluster_x");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("REDIRECTED", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("https://api.moved.example/v2/clusters/cluster_x/stop", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("-BaseUri https://api.moved.example/v2", error.Exception.Message, StringComparison.Ordinal);
        Assert.Single(h.Posts);
    }
}
