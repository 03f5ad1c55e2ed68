using System.Text.Json;

namespace TensorOne.PowerShell.Tests;

public sealed class RestartClusterTests
{
    [Fact]
    public async Task Every_given_field_reaches_the_body_under_its_documented_name()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_r", "r"));
        var result = h.Run(@"
            Restart-T1Cluster -Id cluster_r -Immediate -GracePeriodMinutes 3 -TimeoutMinutes 20 -PreserveState `
                -Configuration @{ gpu_count = 4; limits = @{ memory_gb = 64 }; tags = @('a', 'b'); spot = $true } `
                -Environment @{ MODEL = 'llama'; EPOCHS = 3 } `
                -PortMapping @{ container_port = 8888; host_port = 443; protocol = 'tcp' }, @{ container_port = 6006 } `
                -Reason 'deploy v2' -RestoreFromSnapshot snap_1234 -DockerImage 'org/img:2.0' -ApplySystemUpdates");

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var post = Assert.Single(h.Posts);
        Assert.EndsWith("/clusters/cluster_r/restart", post.Path);
        Assert.Equal("Bearer " + h.Server.Options.ApiKey, post.Headers["Authorization"]);
        using var body = JsonDocument.Parse(post.Body);
        var root = body.RootElement;
        Assert.True(root.GetProperty("force").GetBoolean());
        Assert.Equal(3, root.GetProperty("grace_period_minutes").GetInt32());
        Assert.Equal(20, root.GetProperty("timeout_minutes").GetInt32());
        Assert.True(root.GetProperty("preserve_state").GetBoolean());
        var config = root.GetProperty("update_configuration");
        Assert.Equal(4, config.GetProperty("gpu_count").GetInt32());
        Assert.Equal(64, config.GetProperty("limits").GetProperty("memory_gb").GetInt32());
        Assert.Equal(new[] { "a", "b" }, config.GetProperty("tags").EnumerateArray().Select(e => e.GetString()));
        Assert.True(config.GetProperty("spot").GetBoolean());
        var env = root.GetProperty("environment_updates");
        Assert.Equal("llama", env.GetProperty("MODEL").GetString());
        Assert.Equal("3", env.GetProperty("EPOCHS").GetString());
        var ports = root.GetProperty("port_mapping_updates").EnumerateArray().ToArray();
        Assert.Equal(2, ports.Length);
        Assert.Equal(8888, ports[0].GetProperty("container_port").GetInt32());
        Assert.Equal("tcp", ports[0].GetProperty("protocol").GetString());
        Assert.Equal("deploy v2", root.GetProperty("restart_reason").GetString());
        Assert.Equal("snap_1234", root.GetProperty("restore_from_snapshot").GetString());
        Assert.Equal("org/img:2.0", root.GetProperty("update_docker_image").GetString());
        Assert.True(root.GetProperty("apply_system_updates").GetBoolean());
        Assert.False(root.TryGetProperty("wait_for_ready", out _));
        Assert.Equal("restarting", Assert.Single(result.Output).Properties["Status"].Value);
    }

    [Fact]
    public async Task Fields_not_given_are_left_out()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_r2", "r2"));
        h.Run("Restart-T1Cluster cluster_r2 -Reason why");
        using var body = JsonDocument.Parse(Assert.Single(h.Posts).Body);
        Assert.Equal(new[] { "restart_reason" }, body.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_configuration_value_that_is_not_plain_data_is_refused_without_a_request()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_bad", "bad"));
        var result = h.Run("Restart-T1Cluster cluster_bad -Configuration @{ handler = { 'script block' } }");
        var error = Assert.Single(result.Errors);
        Assert.Contains("Configuration", error.ToString());
        Assert.Empty(h.Posts);
    }
}
