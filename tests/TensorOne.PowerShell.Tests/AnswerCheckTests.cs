using System.Diagnostics;
using Xunit.Abstractions;

namespace TensorOne.PowerShell.Tests;

/// <summary>Answers checked against the question asked, listings read row by row, ids and keys refused before any request.</summary>
public sealed class AnswerCheckTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_answer_naming_another_cluster_is_an_invalid_response_and_nothing_downstream_restarts_that_cluster()
    {
        await using var h = await StartWithAnswersNamingSomeoneElseAsync(FaultKind.AnswerForAnotherId, null, "/clusters/c1(/stop)?$");
        var clock = Stopwatch.StartNew();

        var result = h.Run("Stop-T1Cluster c1 | Restart-T1Cluster");

        Figures("another id, stop | restart", h, clock);
        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Contains("INVALID_RESPONSE", error.FullyQualifiedErrorId);
        Assert.Equal("c1", error.TargetObject);
        Assert.Contains("someone_else", error.Exception.Message);
        Assert.Equal(0, h.State.CommittedRestarts("someone_else"));
        Assert.DoesNotContain(h.State.Requests, r => r.Path.Contains("someone_else", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wait_watches_the_cluster_asked_for_and_never_polls_the_one_a_wrong_answer_named()
    {
        await using var h = await StartWithAnswersNamingSomeoneElseAsync(FaultKind.AnswerForAnotherId, "POST", "/clusters/c1/stop$");
        var clock = Stopwatch.StartNew();

        var result = h.Run("Stop-T1Cluster c1 -Wait -TimeoutMinutes 1");

        Figures("another id, stop -Wait", h, clock);
        Assert.DoesNotContain(h.State.Requests, r => r.Path.Contains("someone_else", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Output, o => (string?)o.Properties["Id"]?.Value == "someone_else");
        Assert.Equal(0, h.State.CommittedStops("someone_else"));
    }

    [Fact]
    public async Task An_answer_with_the_id_key_twice_is_refused_not_read_as_the_last_one()
    {
        await using var h = await StartWithAnswersNamingSomeoneElseAsync(FaultKind.DuplicateIdKey, null, "/clusters/c1(/stop)?$");
        var clock = Stopwatch.StartNew();

        var result = h.Run("Get-T1Cluster -Id c1; Stop-T1Cluster c1 | Restart-T1Cluster");

        Figures("duplicate id key", h, clock);
        Assert.Empty(result.Output);
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Contains("INVALID_RESPONSE", e.FullyQualifiedErrorId));
        Assert.All(result.Errors, e => Assert.Contains("'id' appears twice", e.Exception.Message));
        Assert.DoesNotContain(h.State.Requests, r => r.Path.Contains("someone_else", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("created_at", "\"\"")]
    [InlineData("created_at", "\"2026-03-01 10:00:00\"")]
    [InlineData("gpu_count", "\"95%\"")]
    [InlineData("uptime_seconds", "\"n/a\"")]
    [InlineData("id", "12345")]
    public async Task One_unreadable_row_is_a_warning_naming_it_and_the_other_rows_are_listed(string field, string value)
    {
        await using var h = await Harness.StartAsync();
        var ids = h.State.SeedMany(100, "row_");
        h.Server.Options.Faults.SpoilListedRow(ids[41], field, value);
        var clock = Stopwatch.StartNew();

        var result = h.Run("Get-T1Cluster");

        Figures($"odd row {field}={value}", h, clock);
        Assert.Empty(result.Errors);
        Assert.Equal(99, result.Output.Count);
        Assert.DoesNotContain(result.Output, o => (string?)o.Properties["Id"]?.Value == ids[41]);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains(field == "id" ? value : ids[41], warning.Message);
        Assert.Contains(field, warning.Message);
    }

    [Fact]
    public async Task Another_teams_unreadable_row_in_the_in_flight_list_costs_the_watcher_nothing()
    {
        await using var h = await Harness.StartAsync();
        var mine = Enumerable.Range(1, 5).Select(i => $"mine_{i}").ToArray();
        foreach (var id in mine)
        {
            h.State.AddCluster(id, id);
        }

        h.State.AddCluster("other_team", "theirs").SetStatus("stopping");
        h.Server.Options.Faults.SpoilListedRow("other_team");
        var clock = Stopwatch.StartNew();

        var result = h.Run("$ids | Stop-T1Cluster -Wait -TimeoutMinutes 1", new() { ["ids"] = mine });

        Figures("odd row, watcher on 5", h, clock);
        Assert.Empty(result.Errors);
        Assert.Equal(5, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("stopped", o.Properties["Status"]?.Value as string));
        Assert.Contains(h.State.Requests, r => r.Method == "GET" && r.Path.EndsWith("/clusters", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("cluster_00001\n")]
    public async Task An_id_with_a_trailing_line_feed_is_refused_before_any_request(string id)
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_00001", "one"));
        var clock = Stopwatch.StartNew();

        var result = h.Run("Stop-T1Cluster -Id $ids", new() { ["ids"] = new[] { id, "cluster_00001" } });

        Figures("id with line feed", h, clock);
        Assert.True(result.Terminating is not null || result.Errors.Count > 0);
        Assert.DoesNotContain(h.State.Requests, r => r.Path.Contains("%0A", StringComparison.OrdinalIgnoreCase));
        Assert.True(h.Posts.Count <= 1, $"{h.Posts.Count} POSTs reached cluster_00001");
    }

    [Theory]
    [InlineData("tpo_test_simulator\u200B_key")]
    [InlineData("tpo_test_simulator_k\u00E9y")]
    public async Task A_key_with_a_character_outside_printable_ASCII_is_refused_at_connect_with_no_request(string key)
    {
        await using var h = await Harness.StartAsync();
        var clock = Stopwatch.StartNew();

        var result = h.RunCatching(
            "$secure = [System.Security.SecureString]::new(); foreach ($c in $key.ToCharArray()) { $secure.AppendChar($c) }; Connect-T1Account -ApiKey $secure -BaseUri $uri",
            new() { ["key"] = key, ["uri"] = h.Server.BaseUri });

        Figures("non-ASCII key", h, clock);
        Assert.NotNull(result.Caught);
        Assert.Contains("InvalidApiKey", result.Caught!.FullyQualifiedErrorId);
        Assert.Contains("printable ASCII", result.Caught.Exception.Message);
        Assert.Empty(h.State.Requests);
    }

    private void Figures(string row, Harness h, Stopwatch clock)
    {
        var requests = h.State.Requests;
        output.WriteLine(
            "FIGURES | {0} | requests {1} (GET {2}, POST {3}) | commits stop {4} restart {5} | {6:0.00} s",
            row,
            requests.Count,
            requests.Count(r => r.Method == "GET"),
            requests.Count(r => r.Method == "POST"),
            h.State.Clusters.Sum(c => c.CommittedStops),
            h.State.Clusters.Sum(c => c.CommittedRestarts),
            clock.Elapsed.TotalSeconds);
    }

    /// <summary>Cluster c1 is the one asked for; the fault makes the answers about it name or carry someone_else.</summary>
    private static async Task<Harness> StartWithAnswersNamingSomeoneElseAsync(FaultKind fault, string? method, string pathPattern)
    {
        var h = await Harness.StartAsync();
        h.State.AddCluster("c1", "mine");
        h.State.AddCluster("someone_else", "theirs");
        h.Server.Options.Faults.Add(fault, 1, method, pathPattern);
        return h;
    }
}
