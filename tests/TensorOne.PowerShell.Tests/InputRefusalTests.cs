namespace TensorOne.PowerShell.Tests;

/// <summary>Bad input is refused with a clear message before any request is sent.</summary>
public sealed class InputRefusalTests
{
    [Theory]
    [InlineData("Stop-T1Cluster cluster_x -GracePeriodMinutes 31", "31")]
    [InlineData("Stop-T1Cluster cluster_x -GracePeriodMinutes -1", "-1")]
    [InlineData("Restart-T1Cluster cluster_x -GracePeriodMinutes 45", "45")]
    [InlineData("Stop-T1Cluster cluster_x -TimeoutMinutes 0", "0")]
    [InlineData("Stop-T1Cluster cluster_x -TimeoutMinutes 61", "61")]
    [InlineData("Restart-T1Cluster cluster_x -TimeoutMinutes 90", "90")]
    public async Task Out_of_range_numbers_are_refused(string script, string value)
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_x", "x"));
        var result = h.RunCatching(script);
        Assert.NotNull(result.Caught);
        Assert.IsAssignableFrom<ParameterBindingException>(result.Caught!.Exception);
        Assert.Contains(value, result.Caught.Exception.Message);
        Assert.Empty(h.State.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a?b")]
    [InlineData("a#b")]
    [InlineData("a%2fb")]
    [InlineData("..")]
    [InlineData("cluster..x")]
    [InlineData("abc\u0001")]
    [InlineData("line\nbreak")]
    public async Task Ids_that_cannot_be_cluster_ids_are_refused(string id)
    {
        await using var h = await Harness.StartAsync();
        foreach (var cmdlet in new[] { "Stop-T1Cluster", "Restart-T1Cluster", "Get-T1Cluster" })
        {
            var result = h.RunCatching(cmdlet + " -Id $id", new() { ["id"] = id });
            Assert.NotNull(result.Caught);
            Assert.IsAssignableFrom<ParameterBindingException>(result.Caught!.Exception);
            Assert.Contains("'Id'", result.Caught.Exception.Message);
        }

        Assert.Empty(h.State.Requests);
    }

    [Fact]
    public async Task A_bad_id_in_the_pipeline_is_refused_alone_and_the_rest_go_on()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_ok", "ok"));
        var result = h.Run("'../../admin', 'cluster_ok' | Stop-T1Cluster");
        var error = Assert.Single(result.Errors);
        Assert.Contains("'..'", error.ToString());
        Assert.Equal(new[] { "cluster_ok" }, h.Posts.Select(p => p.ClusterId));
    }

    [Fact]
    public async Task DiscardData_without_Force_is_refused()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_x", "x"));
        var result = h.RunCatching("Stop-T1Cluster cluster_x -DiscardData");
        Assert.NotNull(result.Caught);
        Assert.Equal("TensorOne.DiscardDataRequiresForce,TensorOne.PowerShell.Cmdlets.StopT1ClusterCmdlet", result.Caught!.FullyQualifiedErrorId);
        Assert.Contains("-Force", result.Caught.Exception.Message);
        Assert.Empty(h.State.Requests);
    }

    [Fact]
    public void No_api_key_is_refused_with_how_to_provide_one()
    {
        // No Connect-T1Account, and the test process never sets TENSORONE_API_KEY.
        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TENSORONE_API_KEY")));
        using var session = new PowerShellSession();
        foreach (var script in new[] { "Stop-T1Cluster cluster_x", "Restart-T1Cluster cluster_x", "Get-T1Cluster" })
        {
            var result = session.RunCatching(script);
            Assert.NotNull(result.Caught);
            Assert.Equal(ErrorCategory.AuthenticationError, result.Caught!.CategoryInfo.Category);
            Assert.Contains("Connect-T1Account", result.Caught.Exception.Message);
            Assert.Contains("TENSORONE_API_KEY", result.Caught.Exception.Message);
        }
    }

    [Theory]
    [InlineData("http://api.example.com/v2")]
    [InlineData("http://10.0.0.5/v2")]
    [InlineData("ftp://127.0.0.1/v2")]
    public void Plain_http_to_a_remote_host_is_refused(string uri)
    {
        using var session = new PowerShellSession();
        var result = session.RunCatching(
            "$s = [System.Security.SecureString]::new(); 'tpo_test_x'.ToCharArray() | ForEach-Object { $s.AppendChar($_) }; Connect-T1Account -ApiKey $s -BaseUri $uri",
            new() { ["uri"] = uri });
        Assert.NotNull(result.Caught);
        Assert.Equal("TensorOne.InvalidBaseUri,TensorOne.PowerShell.Cmdlets.ConnectT1AccountCmdlet", result.Caught!.FullyQualifiedErrorId);
        Assert.DoesNotContain("tpo_test_x", result.AllText);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1/v2")]
    [InlineData("http://localhost:1/v2")]
    [InlineData("http://[::1]:1/v2")]
    public void Plain_http_to_loopback_is_accepted(string uri)
    {
        using var session = new PowerShellSession();
        var result = session.Run(
            "$s = [System.Security.SecureString]::new(); 'tpo_test_x'.ToCharArray() | ForEach-Object { $s.AppendChar($_) }; Connect-T1Account -ApiKey $s -BaseUri $uri -SkipValidation",
            new() { ["uri"] = uri });
        Assert.Null(result.Terminating);
        var account = Assert.Single(result.Output);
        Assert.Equal("test", account.Properties["KeyKind"].Value);
        Assert.DoesNotContain("tpo_test_x", result.AllText);
    }
}
