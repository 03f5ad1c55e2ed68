namespace TensorOne.PowerShell.Tests;

/// <summary>
/// The module's promise under a failing server, through the real engine with the module's own client
/// settings (they are not settable from PowerShell): nothing lost, nothing doubled, nothing leaked.
/// </summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task A_read_slow_to_reach_the_server_is_answered_once_not_timed_out_on_a_clock_moved_meanwhile()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_far", "far"));
        // Every connection is held three real seconds before its request reaches the simulator.
        await using var relay = new HoldingRelay(h.Server.BaseUri, TimeSpan.FromSeconds(3));
        h.Clock!.ServeModule(relay.BaseUri);
        var start = h.Clock.Fake.GetUtcNow();
        try
        {
            var result = h.Run(
                "$secure = [System.Security.SecureString]::new(); foreach ($c in $key.ToCharArray()) { $secure.AppendChar($c) }; Connect-T1Account -ApiKey $secure -BaseUri $uri -SkipValidation | Out-Null; Get-T1Cluster -Id cluster_far",
                new() { ["key"] = h.Server.Options.ApiKey, ["uri"] = relay.BaseUri });

            Assert.True(result.Errors.Count == 0, result.AllText);
            Assert.Equal("cluster_far", Assert.Single(result.Output).Properties["Id"].Value);
            Assert.Single(h.State.Requests);
            // The attempt's own timeout (30 s) never ran on the shared clock while the request was on its way.
            Assert.True(h.Clock.Fake.GetUtcNow() - start < TimeSpan.FromSeconds(30), $"{h.Clock.Fake.GetUtcNow() - start} of fake time passed");
        }
        finally
        {
            SharedClock.ForgetModule(relay.BaseUri);
        }
    }

    [Fact]
    public async Task A_batch_stop_through_throttling_outages_and_lost_answers_stops_each_cluster_exactly_once()
    {
        await using var h = await Harness.StartAsync(o =>
        {
            // Fixed so a failure replays; the decisions depend on the seed and each cluster's own requests, not on timing.
            o.Faults.Seed = 424242;
            o.Faults.RetryAfter = TimeSpan.FromSeconds(1);
            o.Faults
                .Add(FaultKind.ResetAfterHandler, 0.10, "POST", "/stop$")
                .Add(FaultKind.ServiceUnavailable, 0.15)
                .Add(FaultKind.TooManyRequests, 0.10);
        });
        var ids = h.State.SeedMany(30).ToArray();

        var result = h.Run("$ids | Stop-T1Cluster -Verbose", new() { ["ids"] = ids });

        Assert.Null(result.Terminating);
        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Select(e => e.ToString())));
        Assert.Equal(30, result.Output.Count);
        Assert.Equal(ids.OrderBy(i => i), result.Output.Select(o => (string)o.Properties["Id"].Value).OrderBy(i => i));
        Assert.All(result.Output, o => Assert.Contains((string)o.Properties["Status"].Value, new[] { "stopping", "stopped" }));
        Assert.All(ids, id => Assert.Equal(1, h.State.CommittedStops(id)));

        var faults = h.Server.Options.Faults;
        Assert.True(faults.Injected(FaultKind.ResetAfterHandler) > 0 && faults.Injected(FaultKind.ServiceUnavailable) > 0 && faults.Injected(FaultKind.TooManyRequests) > 0,
            "the seed should meet every fault: " + string.Join(", ", Enum.GetValues<FaultKind>().Where(k => faults.Injected(k) > 0).Select(k => $"{k}={faults.Injected(k)}")));

        var requests = h.State.Requests;
        // As the client planned it (its Verbose stream), and as the server saw it. A 429 the server logs as
        // 499 went to an attempt the client had already given up on: nobody waited for it.
        var planned = result.Verbose.Select(v => System.Text.RegularExpressions.Regex.Match(v.Message, @" in (\d+\.\d) s after HTTP 429")).Where(m => m.Success).ToList();
        Assert.NotEmpty(planned);
        Assert.All(planned, m => Assert.True(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1.0, m.Value));
        foreach (var throttled in requests.Where(r => r.Fault == FaultKind.TooManyRequests && r.StatusCode == 429))
        {
            if (requests.FirstOrDefault(r => r.Method == throttled.Method && r.Path == throttled.Path && r.At > throttled.At) is { } retry)
            {
                // On the clock the simulator and the module share: the retry waits the second out exactly.
                Assert.True(retry.At - throttled.AnsweredAt >= TimeSpan.FromSeconds(1), $"{throttled.Path} was retried {(retry.At - throttled.AnsweredAt).TotalMilliseconds:0} ms after Retry-After: 1");
            }
        }

        var keys = h.Posts.GroupBy(p => p.ClusterId!).ToDictionary(g => g.Key, g => g.Select(p => p.Headers["Idempotency-Key"]).Distinct().ToList());
        Assert.Contains(h.Posts.GroupBy(p => p.ClusterId), g => g.Count() > 1);
        Assert.All(keys.Values, k => Assert.Single(k));
        Assert.Equal(30, keys.Values.Select(k => k[0]).Distinct().Count());
        Assert.Contains(result.Verbose, v => v.Message.StartsWith("Retrying POST", StringComparison.Ordinal));
        // Backoff stays short: no retry is planned further out than the base delay's fourth doubling.
        var delays = result.Verbose.Select(v => System.Text.RegularExpressions.Regex.Match(v.Message, @"^Retrying .* in (\d+\.\d) s after")).Where(m => m.Success).ToList();
        Assert.All(delays, m => Assert.InRange(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 0, 16));
    }

    [Fact]
    public async Task A_long_retry_after_is_a_fast_non_terminating_LimitsExceeded_error_per_cluster_saying_when_to_retry()
    {
        await using var h = await Harness.StartAsync(o =>
        {
            o.Faults.RetryAfter = TimeSpan.FromSeconds(1800);
            o.Faults.Add(FaultKind.TooManyRequests, 1, "POST");
        });
        var ids = h.State.SeedMany(3).ToArray();

        var result = h.Run("$ids | Stop-T1Cluster; 'after'", new() { ["ids"] = ids });

        Assert.Null(result.Terminating);
        Assert.Equal("after", Assert.Single(result.Output).BaseObject);
        Assert.Equal(3, result.Errors.Count);
        Assert.Equal(ids.OrderBy(i => i), result.Errors.Select(e => (string)e.TargetObject).OrderBy(i => i));
        foreach (var error in result.Errors)
        {
            Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
            Assert.StartsWith("RATE_LIMIT_EXCEEDED,", error.FullyQualifiedErrorId);
            Assert.Matches(@"Retry after \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\.", error.ToString());
            Assert.Contains("wait until", error.ErrorDetails.RecommendedAction);
        }

        // The first request goes alone; its answer holds the other writes back without a request each.
        Assert.Single(h.Posts);
        Assert.All(ids, id => Assert.Equal(0, h.State.CommittedStops(id)));
    }

    [Fact]
    public async Task A_proxy_page_or_a_broken_error_body_is_an_error_naming_the_cluster_and_the_status()
    {
        await using var h = await Harness.StartAsync(o =>
        {
            o.Faults.HtmlStatus = 403;
            o.Faults
                .Add(FaultKind.HtmlErrorPage, 1, "POST", "cluster_waf/stop$")
                .Add(FaultKind.MalformedJson, 1, "POST", "cluster_done/stop$");
        });
        h.State.AddCluster("cluster_waf", "behind-a-firewall");
        h.State.AddCluster("cluster_done", "already-stopped", status: "stopped");
        h.State.AddCluster("cluster_fine", "fine");

        var result = h.Run("'cluster_waf', 'cluster_done', 'cluster_fine' | Stop-T1Cluster -Verbose -Debug");

        Assert.Null(result.Terminating);
        Assert.Equal("cluster_fine", Assert.Single(result.Output).Properties["Id"].Value);
        var waf = Assert.Single(result.Errors, e => Equals(e.TargetObject, "cluster_waf"));
        Assert.Contains("Cluster 'cluster_waf'", waf.ToString());
        Assert.Contains("HTTP 403", waf.ToString());
        Assert.Contains("HTML page", waf.ToString());
        Assert.Equal(ErrorCategory.PermissionDenied, waf.CategoryInfo.Category);
        Assert.Contains("proxy", waf.ErrorDetails.RecommendedAction);

        var broken = Assert.Single(result.Errors, e => Equals(e.TargetObject, "cluster_done"));
        Assert.Contains("Cluster 'cluster_done'", broken.ToString());
        Assert.Contains("HTTP 409", broken.ToString());
        Assert.Contains("without a readable error", broken.ToString());
        Assert.Equal(2, result.Errors.Count);

        // The firewall page echoed the Authorization header; nothing the module wrote repeats it.
        Assert.DoesNotContain(h.Server.Options.ApiKey, result.AllText);
    }

    [Fact]
    public async Task A_low_rate_limit_budget_is_said_on_the_verbose_stream_once_and_reported_at_the_end()
    {
        // 2 writes left after the first: a batch of 3 fits (a larger one would be cut, see FleetScaleTests).
        await using var h = await Harness.StartAsync(o => o.Faults.Add(FaultKind.LowRateLimit, 1));
        var ids = h.State.SeedMany(3).ToArray();

        var result = h.Run("$ids | Stop-T1Cluster -Verbose", new() { ["ids"] = ids });

        Assert.Empty(result.Errors);
        Assert.Single(result.Verbose, v => v.Message.Contains("rate limit is running low: 2 of 20 requests left", StringComparison.Ordinal));
        Assert.Contains(result.Verbose, v => v.Message.StartsWith("API rate limit: 2 of 20 requests left", StringComparison.Ordinal));
    }
}
