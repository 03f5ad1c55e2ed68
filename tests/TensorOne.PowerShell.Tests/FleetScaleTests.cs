using System.Globalization;
using System.Text.RegularExpressions;

namespace TensorOne.PowerShell.Tests;

/// <summary>
/// The fleet-scale table: what a fleet command costs follows the clusters it acts on, never the account.
/// Each row runs the command a user would type against a simulated account over real HTTP and counts
/// the requests the simulator saw.
/// </summary>
public sealed class FleetScaleTests
{
    private const int AccountSize = 10_000;

    [Fact]
    public async Task Waiting_on_4_clusters_in_a_10000_cluster_account_costs_about_4_reads_a_round()
    {
        // Before: 105 GETs, 101 of them pages of the whole account.
        await using var h = await Harness.StartAsync(o => o.StopPhaseSeconds = 0.3);
        var ids = h.State.SeedMany(AccountSize, "cluster_acct_").Take(4).ToArray();

        var result = h.Run("$ids | Stop-T1Cluster -Wait -Verbose", new() { ["ids"] = ids });

        Assert.Empty(result.Errors);
        Assert.All(result.Output, o => Assert.Equal("stopped", o.Properties["Status"].Value));
        var gets = h.State.Requests.Where(r => r.Method == "GET").ToList();
        var (reads, rounds) = ReadsAndRounds(result);
        Assert.Equal(gets.Count, reads);
        // A page of the clusters still stopping per round, and one read by id per cluster that left it.
        Assert.True(reads <= rounds + ids.Length, $"{reads} reads in {rounds} rounds");
        Assert.All(Lists(gets), r => Assert.Contains("status=stopping", r.Query));

        // Each cluster is read by id once it left the list of clusters stopping, and that read ended its wait.
        foreach (var id in ids)
        {
            Assert.Single(gets, r => r.ClusterId == id);
        }
    }

    [Fact]
    public async Task Waiting_on_150_clusters_reads_pages_of_the_clusters_in_flight_not_of_the_account()
    {
        // Before: 202 GETs, pages of the whole 10,000-cluster account each round.
        await using var h = await Harness.StartAsync(o => o.StopPhaseSeconds = 0.3);
        var ids = h.State.SeedMany(AccountSize, "cluster_acct_").Take(150).ToArray();

        var result = h.Run("$ids | Stop-T1Cluster -Wait -Verbose", new() { ["ids"] = ids });

        Assert.Empty(result.Errors);
        Assert.Equal(150, result.Output.Count);
        var gets = h.State.Requests.Where(r => r.Method == "GET").ToList();
        var lists = Lists(gets);
        var (_, rounds) = ReadsAndRounds(result);
        // Only lists filtered on the operation's statuses: the 9,850 running clusters are never read.
        Assert.All(lists, r => Assert.True(r.Query.Contains("status=stopping&", StringComparison.Ordinal) || r.Query.Contains("status=stopped&", StringComparison.Ordinal), r.Query));

        // 150 in flight fit in two pages; those that left are found in the two pages of clusters stopped.
        Assert.True(lists.Count <= 4 * rounds, $"{lists.Count} pages in {rounds} rounds");
        Assert.DoesNotContain(lists, r => r.Query.Contains("page=3", StringComparison.Ordinal));
        Assert.True(gets.Count <= 30, $"{gets.Count} GETs (before: 202; 160 against a server that takes one documented status per list)");

        // A cluster is read by id at most once, when a list did not settle how it ended.
        Assert.All(gets.Where(r => r.ClusterId is not null).GroupBy(r => r.ClusterId), g => Assert.Single(g));
    }

    [Fact]
    public async Task Get_T1Cluster_First_5_reads_one_page()
    {
        // Select-Object -First 5 (not loaded in this hosted engine) is checked in the real pwsh: RealPwshTests.
        await using var h = await Harness.StartAsync();
        h.State.SeedMany(AccountSize, "cluster_acct_");

        var result = h.Run("Get-T1Cluster -First 5 | ForEach-Object Id");

        Assert.Empty(result.Errors);
        Assert.Equal(5, result.Output.Count);
        Assert.Single(h.State.Requests, r => r.Method == "GET");
    }

    [Fact]
    public async Task SupportsPaging_gives_First_Skip_and_IncludeTotalCount()
    {
        await using var h = await Harness.StartAsync();
        var ids = h.State.SeedMany(250, "cluster_page_");

        var result = h.Run("Get-T1Cluster -Skip 120 -First 3 -IncludeTotalCount");

        Assert.Empty(result.Errors);
        // The total is known only once the listing has said it; it comes after the rows.
        Assert.Equal(4, result.Output.Count);
        Assert.Equal(250d, Convert.ToDouble(result.Output[^1].BaseObject, CultureInfo.InvariantCulture));
        Assert.Equal(ids.Skip(120).Take(3), result.Output.Take(3).Select(o => (string)o.Properties["Id"].Value));

        // The rows lie on page 2; page 3 is never read.
        Assert.Equal(2, h.State.Requests.Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task First_and_Skip_with_ids_read_only_the_ids_wanted()
    {
        await using var h = await Harness.StartAsync();
        var ids = h.State.SeedMany(6, "cluster_some_").ToArray();

        var result = h.Run("Get-T1Cluster -Id $ids -Skip 1 -First 2 | ForEach-Object Id", new() { ["ids"] = ids });

        Assert.Empty(result.Errors);
        Assert.Equal(ids.Skip(1).Take(2), result.Output.Select(o => (string)o.BaseObject).Order());
        Assert.Equal(ids.Skip(1).Take(2), h.State.Requests.Select(r => r.ClusterId!).Order());
    }

    [Fact]
    public async Task Get_T1Cluster_piped_to_Stop_WhatIf_reads_nothing_more()
    {
        // Before: 102 GETs, one after another, 16 s.
        await using var h = await Harness.StartAsync();
        h.State.SeedMany(100, "cluster_dry_");

        var result = h.Run("Get-T1Cluster | Stop-T1Cluster -WhatIf");

        Assert.Empty(result.Errors);
        Assert.Single(h.State.Requests);
        Assert.Empty(h.Posts);
        var whatIf = Regex.Matches(result.HostText, "What if: .*cluster_dry_\\d+.*currently running, \\$\\d+\\.\\d\\d/hour").Count;
        Assert.Equal(100, whatIf);
    }

    [Fact]
    public async Task Ids_alone_under_WhatIf_are_read_together_not_one_after_another()
    {
        // On the real clock: overlap is read from when the simulator received and answered each read.
        await using var h = await Harness.StartAsync(o =>
        {
            o.Latency = TimeSpan.FromMilliseconds(30);
            o.TimeProvider = TimeProvider.System;
        });
        var ids = h.State.SeedMany(40, "cluster_ids_").ToArray();

        var result = h.Run("$ids | Stop-T1Cluster -WhatIf", new() { ["ids"] = ids });

        Assert.Empty(result.Errors);
        Assert.Empty(h.Posts);
        var reads = h.State.Requests.Where(r => r.Method == "GET").OrderBy(r => r.At).ToList();
        Assert.Equal(40, reads.Count);

        // Read concurrently: many a read began before the one before it was answered.
        var overlapping = reads.Zip(reads.Skip(1), (a, b) => b.At < a.AnsweredAt).Count(o => o);
        Assert.True(overlapping >= 20, $"{overlapping} of 39 reads overlapped the one before");
        Assert.Equal(40, Regex.Matches(result.HostText, "What if: .*currently running").Count);
    }

    [Fact]
    public async Task Thirty_stops_with_twenty_writes_left_send_twenty_and_account_for_the_other_ten()
    {
        // Before: 30 POSTs, 10 refused with 429, 10 errors.
        await using var h = await Harness.StartAsync(o => o.WriteLimit = 20);
        var ids = h.State.SeedMany(30, "cluster_budget_").ToArray();

        var result = h.Run("$ids | Stop-T1Cluster -Verbose", new() { ["ids"] = ids });

        Assert.Equal(20, h.Posts.Count);
        Assert.All(h.Posts, p => Assert.Equal(200, p.StatusCode));
        Assert.Equal(20, result.Output.Count);
        Assert.Equal(10, result.Errors.Count);
        var sent = result.Output.Select(o => (string)o.Properties["Id"].Value).ToHashSet();
        Assert.Equal(ids.Where(i => !sent.Contains(i)).OrderBy(i => i), result.Errors.Select(e => (string)e.TargetObject).OrderBy(i => i));
        foreach (var error in result.Errors)
        {
            Assert.StartsWith("RATE_LIMIT_EXCEEDED,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
            Assert.Matches(@"Retry after \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\.", error.ToString());
        }

        var warning = Assert.Single(result.Warnings, w => w.Message.Contains("rate limit", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("20 of 30 stop requests were sent; 10 were not sent", warning.Message);
        Assert.Matches(@"after \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ", warning.Message);
        Assert.Contains(result.Verbose, v => Regex.IsMatch(v.Message, @"The API allows \d+ more stop requests until .*; \d+ clusters are queued, so \d+ will not be sent"));
    }

    [Fact]
    public async Task A_429_with_a_long_Retry_After_leaves_the_rest_unsent_and_one_warning_says_when_to_run_again()
    {
        await using var h = await Harness.StartAsync(o =>
        {
            o.Faults.RetryAfter = TimeSpan.FromSeconds(1800);
            o.Faults.Add(TensorOne.Simulator.Faults.FaultKind.TooManyRequests, 1, "POST", limit: 1);
        });
        var ids = h.State.SeedMany(12, "cluster_long429_").ToArray();

        var result = h.Run("$ids | Stop-T1Cluster", new() { ["ids"] = ids });

        // The first POST is refused with the long wait; the other 11 are never sent.
        Assert.Single(h.Posts);
        Assert.Equal(12, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.LimitsExceeded, e.CategoryInfo.Category));
        Assert.All(result.Errors, e => Assert.StartsWith("RATE_LIMIT_EXCEEDED,", e.FullyQualifiedErrorId));
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("1 of 12 stop requests were sent; 11 were not sent", warning.Message);
    }

    private static List<RecordedRequest> Lists(IEnumerable<RecordedRequest> gets) =>
        gets.Where(r => r.Path.EndsWith("/clusters", StringComparison.Ordinal)).ToList();

    private static (int Reads, int Rounds) ReadsAndRounds(ScriptResult result)
    {
        var line = Assert.Single(result.Verbose, v => v.Message.StartsWith("Waited on", StringComparison.Ordinal)).Message;
        var match = Regex.Match(line, @"with (\d+) reads in (\d+) polling rounds");
        Assert.True(match.Success, line);
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }
}
