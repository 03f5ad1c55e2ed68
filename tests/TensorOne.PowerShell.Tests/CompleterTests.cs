namespace TensorOne.PowerShell.Tests;

/// <summary>Tab completion as the console asks for it: TabExpansion2 in the hosted engine.</summary>
public sealed class CompleterTests
{
    [Fact]
    public async Task Id_completes_the_ids_whose_id_or_name_starts_with_the_word_and_shows_name_and_status()
    {
        await using var h = await StartWithAlphaAndBetaAsync();
        h.State.AddCluster("gpu_gamma", "clumsy-box");
        h.State.AddCluster("gpu_delta", "other");

        var (matches, result) = Complete(h.Session, "Stop-T1Cluster -Id clu");

        Assert.Equal(new[] { "cluster_alpha", "cluster_beta", "gpu_gamma" }, matches.Select(m => m.CompletionText));
        Assert.All(matches, m => Assert.Equal(CompletionResultType.ParameterValue, m.ResultType));
        var beta = matches.Single(m => m.CompletionText == "cluster_beta");
        Assert.Contains("notebook", beta.ToolTip);
        Assert.Contains("stopped", beta.ToolTip);
        Assert.Contains("notebook", beta.ListItemText);
        Assert.Contains("stopped", beta.ListItemText);
        AssertSilent(result);
    }

    [Theory]
    [InlineData("Get-T1Cluster -Id ml-", "cluster_alpha")]
    [InlineData("Restart-T1Cluster -Id *beta", "cluster_beta")]
    [InlineData("Stop-T1Cluster 'cluster_a", "'cluster_alpha'")]
    [InlineData("Get-T1Cluster | Stop-T1Cluster -Id NOTE", "cluster_beta")]
    public async Task Id_completes_by_name_with_wildcards_in_quotes_and_on_every_cmdlet(string input, string expected)
    {
        await using var h = await StartWithAlphaAndBetaAsync();
        var (matches, _) = Complete(h.Session, input);
        Assert.Equal(new[] { expected }, matches.Select(m => m.CompletionText));
    }

    [Fact]
    public async Task A_second_completion_within_the_cache_lifetime_sends_no_request()
    {
        await using var h = await StartWithAlphaAndBetaAsync();

        var (first, _) = Complete(h.Session, "Stop-T1Cluster -Id cluster_a");
        var afterFirst = h.State.Requests.Count;
        var (second, _) = Complete(h.Session, "Restart-T1Cluster -Id cluster_a");

        Assert.Single(first);
        Assert.Single(second);
        Assert.Equal(1, afterFirst);
        Assert.Equal(afterFirst, h.State.Requests.Count);
        Assert.All(h.State.Requests, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public void An_unreachable_endpoint_completes_nothing_and_says_nothing_press_after_press()
    {
        using var session = new PowerShellSession();
        var connect = session.Run(
            "$secure = [System.Security.SecureString]::new(); foreach ($c in 'tpo_test_offline'.ToCharArray()) { $secure.AppendChar($c) }; Connect-T1Account -ApiKey $secure -BaseUri http://127.0.0.1:1/v2 -SkipValidation | Out-Null");
        Assert.Empty(connect.Errors);

        var (matches, result) = Complete(session, "Stop-T1Cluster -Id clu");
        var (again, second) = Complete(session, "Stop-T1Cluster -Id clu");

        Assert.Empty(matches);
        Assert.Empty(again);
        AssertSilent(result);
        AssertSilent(second);
    }

    [Fact]
    public async Task A_list_that_does_not_come_is_not_waited_for_and_the_next_press_starts_no_second_read()
    {
        await using var h = await StartWithAlphaAndBetaAsync();
        // Far longer than the completer's own limits: a Tab press that waited for the answer would see it.
        h.Server.Options.Faults.SlowDelay = TimeSpan.FromMinutes(5);
        h.Server.Options.Faults.Add(FaultKind.SlowBeforeHandler, 1, "GET");

        var (matches, result) = Complete(h.Session, "Stop-T1Cluster -Id clu");
        var (again, second) = Complete(h.Session, "Stop-T1Cluster -Id clu");

        Assert.Empty(matches);
        Assert.Empty(again);
        AssertSilent(result);
        AssertSilent(second);
        Assert.Empty(h.State.Requests); // nothing answered yet: neither press waited for the list
        var read = Assert.Single(await RequestsOnceTheReadEndsAsync(h));
        Assert.Equal("GET", read.Method);
        Assert.Equal(499, read.StatusCode); // the completer dropped the read it gave up on
    }

    [Fact]
    public async Task Status_completes_from_its_set_of_values()
    {
        await using var h = await Harness.StartAsync();
        var (matches, _) = Complete(h.Session, "Get-T1Cluster -Status r");
        Assert.Contains("running", matches.Select(m => m.CompletionText));
        Assert.Empty(h.State.Requests);
    }

    private static async Task<Harness> StartWithAlphaAndBetaAsync()
    {
        var h = await Harness.StartAsync();
        h.State.AddCluster("cluster_alpha", "ml-train-01");
        h.State.AddCluster("cluster_beta", "notebook", status: "stopped");
        return h;
    }

    /// <summary>The simulator's log once the one read in flight has ended; the guard only stops a hang.</summary>
    private static async Task<IReadOnlyList<TensorOne.Simulator.RecordedRequest>> RequestsOnceTheReadEndsAsync(Harness h)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (h.State.InFlight > 0 || h.State.Requests.Count == 0)
        {
            await Task.Delay(50, guard.Token);
        }

        return h.State.Requests;
    }

    private static (IReadOnlyList<CompletionResult> Matches, ScriptResult Result) Complete(PowerShellSession session, string input)
    {
        var result = session.Run(
            "(TabExpansion2 -inputScript $inputScript -cursorColumn $inputScript.Length).CompletionMatches",
            new() { ["inputScript"] = input });
        Assert.Null(result.Terminating);
        return (result.Output.Select(o => (CompletionResult)o.BaseObject).ToList(), result);
    }

    private static void AssertSilent(ScriptResult result)
    {
        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Empty(result.Verbose);
        Assert.Empty(result.Debug);
        Assert.Empty(result.Information);
        Assert.Empty(result.Progress);
        Assert.Equal("", result.HostText);
    }
}
