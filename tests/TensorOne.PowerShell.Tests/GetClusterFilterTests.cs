using System.Web;

namespace TensorOne.PowerShell.Tests;

/// <summary>Get-T1Cluster's filters as core cmdlets behave: -Name's not-found error and completion, -Status with several values.</summary>
public sealed class GetClusterFilterTests
{
    [Fact]
    public async Task A_Name_without_wildcards_that_matches_nothing_is_a_not_found_error_and_the_other_names_go_on()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_nm1", "ml-train"));
        h.State.AddCluster("cluster_nm2", "notebook", status: "stopped");

        var result = h.Run("Get-T1Cluster -Name nosuch, ML-TRAIN, nothing*; 'after'");

        Assert.Equal(new object[] { "cluster_nm1", "after" }, result.Output.Select(o => o.BaseObject is string s ? s : o.Properties["Id"].Value));
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.StartsWith("NoClusterFoundForGivenName,", error.FullyQualifiedErrorId);
        Assert.Equal("nosuch", error.TargetObject);
        Assert.Contains("'nosuch'", error.Exception.Message);
    }

    [Fact]
    public async Task A_Name_with_wildcards_that_matches_nothing_writes_nothing_and_no_error()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_w1", "ml-train"));

        var result = h.Run("Get-T1Cluster -Name nosuch*");

        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task A_Name_that_matches_with_another_status_is_not_found_and_says_the_status()
    {
        await using var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_st1", "notebook", status: "stopped");

        var result = h.Run("Get-T1Cluster -Name notebook -Status running");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Contains("with status running", error.Exception.Message);
    }

    [Fact]
    public async Task Status_takes_several_values_each_its_own_documented_list_request_merged_with_paging_honoured()
    {
        await using var h = await Harness.StartAsync();
        var running = h.State.SeedMany(150, "cluster_sr_");
        for (var i = 1; i <= 120; i++)
        {
            h.State.AddCluster($"cluster_ss_{i:000}", $"ss{i}", status: "stopped");
        }

        h.State.AddCluster("cluster_err", "err", status: "error");

        var all = h.Run("Get-T1Cluster -Status running, stopped, RUNNING");

        Assert.Empty(all.Errors);
        Assert.Equal(270, all.Output.Count);
        Assert.Equal(270, all.Output.Select(o => (string)o.Properties["Id"].Value).Distinct().Count());
        Assert.DoesNotContain(all.Output, o => (string)o.Properties["Status"].Value == "error");
        var lists = h.State.Requests.Where(r => r.Method == "GET").ToList();
        Assert.All(lists, r => Assert.Single(HttpUtility.ParseQueryString(r.Query).GetValues("status") ?? []));
        Assert.All(lists, r => Assert.DoesNotContain(",", HttpUtility.ParseQueryString(r.Query)["status"]));
        Assert.Equal(["running", "running", "stopped", "stopped"], lists.Select(r => HttpUtility.ParseQueryString(r.Query)["status"]));

        h.State.ClearRequests();
        var paged = h.Run("Get-T1Cluster -Status running, stopped -Skip 145 -First 10");

        Assert.Empty(paged.Errors);
        Assert.Equal(
            running.Skip(145).Concat(Enumerable.Range(1, 5).Select(i => $"cluster_ss_{i:000}")),
            paged.Output.Select(o => (string)o.Properties["Id"].Value));
        // Enough after the first page of stopped clusters: the second is never read.
        Assert.Equal(["running", "running", "stopped"], h.State.Requests.Where(r => r.Method == "GET").Select(r => HttpUtility.ParseQueryString(r.Query)["status"]));
    }

    [Fact]
    public async Task Name_completes_the_names_that_start_with_the_word_quoted_when_needed()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_c1", "ml-train-01"));
        h.State.AddCluster("cluster_c2", "ml train two", status: "stopped");
        h.State.AddCluster("cluster_c3", "notebook");

        var result = h.Session.Run(
            "(TabExpansion2 -inputScript $inputScript -cursorColumn $inputScript.Length).CompletionMatches",
            new() { ["inputScript"] = "Get-T1Cluster -Name ml" });

        var matches = result.Output.Select(o => (CompletionResult)o.BaseObject).ToList();
        Assert.Equal(["'ml train two'", "ml-train-01"], matches.Select(m => m.CompletionText));
        Assert.Contains("cluster_c2", matches[0].ToolTip);
        Assert.Contains("stopped", matches[0].ToolTip);
        Assert.Empty(result.Errors);
    }
}
