using System.Text.Json;
using Xunit;

namespace TensorOne.PowerShell.Tests;

public sealed class StopClusterTests
{
    [Fact]
    public async Task Every_given_field_reaches_the_body_under_its_documented_name_with_bearer_auth()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_abc123", "ml-train");
        var result = h.Run("Stop-T1Cluster -Id cluster_abc123 -Immediate -GracePeriodMinutes 10 -SnapshotName nightly -DiscardData -Force -TimeoutMinutes 30 -Reason 'Scheduled maintenance' -NotifyUser user_123,user_456");

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var post = Assert.Single(h.Posts);
        Assert.EndsWith("/clusters/cluster_abc123/stop", post.Path);
        Assert.Equal("Bearer " + h.Server.Options.ApiKey, post.Headers["Authorization"]);
        using var body = JsonDocument.Parse(post.Body);
        var root = body.RootElement;
        Assert.True(root.GetProperty("force").GetBoolean());
        Assert.Equal(10, root.GetProperty("grace_period_minutes").GetInt32());
        Assert.True(root.GetProperty("save_state").GetBoolean());
        Assert.Equal("nightly", root.GetProperty("snapshot_name").GetString());
        Assert.False(root.GetProperty("preserve_data").GetBoolean());
        Assert.Equal(30, root.GetProperty("timeout_minutes").GetInt32());
        Assert.Equal("Scheduled maintenance", root.GetProperty("stop_reason").GetString());
        Assert.Equal(new[] { "user_123", "user_456" }, root.GetProperty("notify_users").EnumerateArray().Select(e => e.GetString()).ToArray());
        Assert.False(root.TryGetProperty("wait_for_completion", out _), "the module polls instead of the server-side wait");
    }

    [Fact]
    public async Task Fields_not_given_are_left_out_so_the_API_defaults_apply()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_plain", "plain");
        var result = h.Run("Stop-T1Cluster cluster_plain");

        Assert.Empty(result.Errors);
        using var body = JsonDocument.Parse(Assert.Single(h.Posts).Body);
        var names = body.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(new[] { "stop_reason" }, names);
        var reason = body.RootElement.GetProperty("stop_reason").GetString();
        Assert.StartsWith("Stop-T1Cluster by ", reason);
        Assert.Contains(Environment.MachineName, reason);
    }

    [Fact]
    public async Task SaveState_alone_and_an_explicit_false_switch_are_sent_as_given()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_s1", "one");
        h.Run("Stop-T1Cluster cluster_s1 -SaveState -Immediate:$false -Reason r");
        using var body = JsonDocument.Parse(Assert.Single(h.Posts).Body);
        Assert.True(body.RootElement.GetProperty("save_state").GetBoolean());
        Assert.False(body.RootElement.GetProperty("force").GetBoolean());
        Assert.False(body.RootElement.TryGetProperty("preserve_data", out _));
    }

    [Fact]
    public async Task Result_is_a_typed_operation_object_with_the_API_fields()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_typed", "typed", hourlyRate: 12.5);
        var result = h.Run("Stop-T1Cluster cluster_typed -SaveState");

        var output = Assert.Single(result.Output);
        Assert.Equal("TensorOne.PowerShell.T1ClusterOperation", output.TypeNames[0]);
        Assert.Equal("TensorOne.PowerShell.T1ClusterOperation", output.BaseObject.GetType().FullName);
        Assert.Equal("cluster_typed", output.Properties["Id"].Value);
        Assert.Equal("typed", output.Properties["Name"].Value);
        Assert.Equal("Stop", output.Properties["Operation"].Value);
        Assert.Equal("stopping", output.Properties["Status"].Value);
        Assert.NotNull(output.Properties["Phase"].Value);
        Assert.NotNull(output.Properties["RequestId"].Value);
        Assert.StartsWith("snap_", (string)output.Properties["SnapshotId"].Value);
        Assert.Equal(12.5m, output.Properties["HourlyRateSaved"].Value);
    }

    [Fact]
    public async Task The_same_cluster_twice_in_the_input_is_stopped_once()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_twice", "twice");
        var result = h.Run("'cluster_twice', 'cluster_twice' | Stop-T1Cluster");
        Assert.Single(h.Posts);
        Assert.Equal(1, h.State.CommittedStops("cluster_twice"));
        Assert.Contains(result.Warnings, w => w.Message.Contains("more than once"));
    }
}
