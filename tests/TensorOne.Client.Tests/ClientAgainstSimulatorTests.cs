using TensorOne.Client.Models;
using TensorOne.Client.Requests;

namespace TensorOne.Client.Tests;

public sealed class ClientAgainstSimulatorTests
{
    [Theory]
    [InlineData(ResponseShape.Envelope)]
    [InlineData(ResponseShape.Bare)]
    public async Task Stop_get_and_list_read_both_documented_shapes(ResponseShape shape)
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { Shape = shape, StopPhaseSeconds = 30 });
        server.State.AddCluster("cluster_a", "alpha", gpuType: "H100");
        server.State.SeedMany(120, "cluster_fill_");
        using var client = ClientFactory.For(server);

        var stop = await client.StopClusterAsync("cluster_a", new StopClusterRequest { GracePeriodMinutes = 2 });
        Assert.Equal(ClusterOperationKind.Stop, stop.Operation);
        Assert.Equal("cluster_a", stop.Id);
        Assert.Equal("stopping", stop.Status);

        var one = await client.GetClusterAsync("cluster_a");
        Assert.Equal("alpha", one.Name);
        Assert.Equal("H100", one.GpuType);
        Assert.NotNull(one.CreatedAt);

        var all = await client.ListClustersAsync();
        Assert.Equal(121, all.Count);
        Assert.Equal(121, all.Select(c => c.Id).Distinct().Count());
        Assert.Equal(2, server.State.Requests.Count(r => r.Path.EndsWith("/clusters")));
    }

    [Fact]
    public async Task Envelope_fields_reach_the_result()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.State.AddCluster("cluster_e", "env", hourlyRate: 7.5);
        using var client = ClientFactory.For(server);
        var stop = await client.StopClusterAsync("cluster_e", new StopClusterRequest { SnapshotName = "keep" });

        Assert.Equal("graceful", stop.Mode);
        Assert.NotNull(stop.InitiatedAt);
        Assert.NotNull(stop.EstimatedCompletionAt);
        Assert.NotNull(stop.Progress?.Phase);
        Assert.StartsWith("snap_", stop.SnapshotId);
        Assert.Equal(7.5m, stop.HourlyRateSaved);
        Assert.StartsWith("req_", stop.RequestId);
    }

    [Fact]
    public async Task Api_errors_carry_status_code_request_id_and_details_in_both_shapes()
    {
        await using var envelope = await SimulatorServer.StartAsync();
        envelope.State.AddCluster("cluster_s", "s", status: "stopped");
        using var client = ClientFactory.For(envelope);
        var invalid = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.StopClusterAsync("cluster_s"));
        Assert.Equal(409, invalid.Status);
        Assert.Equal("INVALID_STATE", invalid.ErrorCode);
        Assert.Equal("stopped", invalid.CurrentStatus);
        Assert.NotNull(invalid.Suggestion);
        Assert.StartsWith("req_", invalid.RequestId);
        Assert.Contains(invalid.RequestId!, invalid.Message);

        await using var bare = await SimulatorServer.StartAsync(new SimulatorOptions { Shape = ResponseShape.Bare });
        using var bareClient = ClientFactory.For(bare);
        var missing = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => bareClient.GetClusterAsync("cluster_nope"));
        Assert.Equal(404, missing.Status);
        Assert.Equal("RESOURCE_NOT_FOUND", missing.ErrorCode);
        Assert.True(missing.IsNotFound);
        Assert.StartsWith("req_", missing.RequestId);
    }

    [Fact]
    public async Task A_wrong_key_is_not_retried_and_never_appears_in_the_exception()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_k", "k"));
        using var client = ClientFactory.For(server, o => o.ApiKey = new ApiKey("tpo_live_not_the_key_123"));
        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.StopClusterAsync("cluster_k"));
        Assert.True(failure.IsAuthenticationFailure);
        Assert.Single(server.State.Requests);
        Assert.DoesNotContain("not_the_key", failure.ToString());
    }

    [Fact]
    public async Task Every_post_carries_an_idempotency_key_and_the_user_agent()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_i1", "i1"), ("cluster_i2", "i2"));
        using var client = ClientFactory.For(server);
        await client.StopClusterAsync("cluster_i1");
        await client.RestartClusterAsync("cluster_i2");
        var keys = server.State.Requests.Select(r => r.Headers["Idempotency-Key"]).ToList();
        Assert.Equal(2, keys.Distinct().Count());
        Assert.All(server.State.Requests, r => Assert.StartsWith("TensorOne-PowerShell/", r.Headers["User-Agent"]));
    }
}
