namespace TensorOne.PowerShell.Tests;

public sealed class ErrorHandlingTests
{
    [Fact]
    public async Task ErrorAction_SilentlyContinue_suppresses_and_ErrorVariable_collects()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_ok", "ok"));
        var result = h.Run("'cluster_gone', 'cluster_ok' | Stop-T1Cluster -ErrorAction SilentlyContinue -ErrorVariable bad; $bad.Count");
        Assert.Empty(result.Errors);
        Assert.Equal(1, result.Output.Last().BaseObject);
    }

    [Fact]
    public async Task A_rejected_key_terminates_once_without_retries_and_appears_in_no_stream()
    {
        const string wrongKey = "tpo_live_WRONG_secret_value_42";
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions(), ("cluster_a1", "a1"), ("cluster_a2", "a2"));
        using var session = new PowerShellSession(server, wrongKey);
        var result = session.RunCatching("'cluster_a1', 'cluster_a2' | Stop-T1Cluster -Verbose -Debug");

        Assert.NotNull(result.Caught);
        Assert.Equal(ErrorCategory.AuthenticationError, result.Caught!.CategoryInfo.Category);
        Assert.Contains("UNAUTHORIZED", result.Caught.FullyQualifiedErrorId);
        Assert.Contains("Connect-T1Account", result.Caught.ErrorDetails.RecommendedAction);
        Assert.Empty(result.Output);
        var unauthorized = server.State.Requests.Where(r => r.StatusCode == 401).ToList();
        Assert.Single(unauthorized); // the first request goes alone; a 401 is never retried
        Assert.DoesNotContain(wrongKey, result.AllText);
        Assert.DoesNotContain("WRONG_secret", result.AllText);
        Assert.Contains(result.Debug, d => d.Message.Contains("Authorization: Bearer ***"));
    }

    [Fact]
    public async Task The_bare_camelCase_shape_works_end_to_end()
    {
        await using var h = await Harness.StartAsync(o => o.Shape = ResponseShape.Bare);
        h.State.AddCluster("cluster_bare", "bare-one", gpuType: "H100");
        var result = h.Run("Get-T1Cluster -Name 'bare-*' | Stop-T1Cluster -Wait; Get-T1Cluster cluster_bare; Stop-T1Cluster cluster_missing");

        Assert.True(result.Output.Count == 2, result.AllText);
        Assert.Equal("stopped", result.Output[0].Properties["Status"].Value);
        Assert.Equal("H100", result.Output[1].Properties["GpuType"].Value);
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("RESOURCE_NOT_FOUND", error.FullyQualifiedErrorId);
    }
}
