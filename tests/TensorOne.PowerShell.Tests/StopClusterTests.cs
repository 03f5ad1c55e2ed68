using System.Text.Json;

namespace TensorOne.PowerShell.Tests;

public sealed class StopClusterTests
{
    [Fact]
    public async Task Every_given_field_reaches_the_body_under_its_documented_name_with_bearer_auth()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_abc123", "ml-train"));
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
        await using var h = await Harness.StartWithClustersAsync(("cluster_plain", "plain"));
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
        await using var h = await Harness.StartWithClustersAsync(("cluster_s1", "one"));
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
    public async Task WhatIf_shows_the_current_status_and_the_hourly_rate_the_stop_would_save()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_rate", "ml-train-02", hourlyRate: 10);
        h.State.AddCluster("cluster_cheap", "notebook", hourlyRate: 0.74);
        var result = h.Run("Get-T1Cluster | Stop-T1Cluster -WhatIf");

        Assert.Empty(h.Posts);
        Assert.Contains("ml-train-02 (cluster_rate): currently running, $10.00/hour", result.HostText);
        Assert.Contains("notebook (cluster_cheap): currently running, $0.74/hour", result.HostText);
    }

    [Fact]
    public async Task WhatIf_on_an_unknown_cluster_still_sends_no_stop_and_says_so()
    {
        await using var h = await Harness.StartAsync();
        var result = h.Run("Stop-T1Cluster cluster_ghost -WhatIf");
        Assert.Empty(h.Posts);
        Assert.Empty(result.Errors);
        Assert.Contains("cluster_ghost (current state unknown", result.HostText);
    }

    [Fact]
    public async Task WhatIfPreference_set_in_a_script_is_honoured_like_the_switch()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_pref", "pref", hourlyRate: 2);
        var result = h.Run("$WhatIfPreference = $true; Stop-T1Cluster cluster_pref; Restart-T1Cluster cluster_pref");
        Assert.Empty(h.Posts);
        Assert.Contains("pref (cluster_pref): currently running, $2.00/hour", result.HostText);
    }

    [Fact]
    public async Task Without_WhatIf_or_Confirm_no_read_precedes_the_stop()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_direct", "direct"));
        h.Run("Stop-T1Cluster cluster_direct");
        Assert.Equal(new[] { "POST" }, h.State.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Default_preferences_never_prompt_in_a_host_without_a_console()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_np1", "np1"), ("cluster_np2", "np2"));
        var result = h.Run("Stop-T1Cluster cluster_np1; Restart-T1Cluster cluster_np2");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Output.Count);
        Assert.Equal(2, h.Posts.Count);
    }

    [Fact]
    public async Task Confirm_asks_the_host_and_sends_nothing_when_it_cannot_answer()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_c1", "c1"));
        var result = h.RunCatching("Stop-T1Cluster cluster_c1 -Confirm");
        Assert.NotNull(result.Caught);
        Assert.Contains("prompted", result.Caught!.Exception.ToString());
        Assert.Empty(h.Posts);
    }

    [Fact]
    public async Task The_same_cluster_twice_in_the_input_is_stopped_once()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_twice", "twice"));
        var result = h.Run("'cluster_twice', 'cluster_twice' | Stop-T1Cluster");
        Assert.Single(h.Posts);
        Assert.Equal(1, h.State.CommittedStops("cluster_twice"));
        Assert.Contains(result.Warnings, w => w.Message.Contains("more than once"));
    }
}
