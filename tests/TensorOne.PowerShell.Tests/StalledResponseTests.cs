namespace TensorOne.PowerShell.Tests;

/// <summary>A command that sits waiting on a silent server says so on the Verbose stream, instead of a silent prompt.</summary>
public sealed class StalledResponseTests
{
    [Fact]
    public async Task A_request_without_an_answer_is_said_on_the_verbose_stream_while_it_waits()
    {
        // On the real clock: the simulator holds the answer back in real time (a silent socket).
        await using var h = await Harness.StartAsync(o => o.TimeProvider = TimeProvider.System);
        h.State.AddCluster("cluster_s", "s");
        // Longer than one notice interval (5 s), shorter than an attempt (30 s): the stop then goes through.
        h.Server.Options.Faults.SlowDelay = TimeSpan.FromSeconds(6);
        h.Server.Options.Faults.Add(FaultKind.SlowBeforeHandler, 1, "POST", limit: 1);

        var result = h.Run("Stop-T1Cluster cluster_s -Verbose");

        Assert.Empty(result.Errors);
        Assert.Single(result.Output);
        Assert.Contains(result.Verbose, v => v.Message.Contains("Still waiting for the API to answer POST clusters/cluster_s/stop", StringComparison.Ordinal));
        Assert.Single(h.Posts);
    }

    [Fact]
    public async Task With_Wait_TimeoutMinutes_bounds_the_request_itself()
    {
        await using var h = await Harness.StartWithClustersAsync(("cluster_s", "s"));
        h.Server.Options.Faults.SlowDelay = TimeSpan.FromMinutes(10);
        h.Server.Options.Faults.Add(FaultKind.SlowBeforeHandler, 1, "POST");

        // The server is silent for ten real minutes; the module's deadline, on the fake clock, ends it.
        h.Clock!.StepDuringRequests = true;

        // One minute in all; the attempt's own timeout (30 s) ends it first, leaving time to read the cluster back.
        var result = h.Run("Stop-T1Cluster cluster_s -Wait -TimeoutMinutes 1");

        // The stop was written and no answer came: the API may have acted, so it is not sent again.
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("OUTCOME_UNKNOWN", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("POST /clusters/cluster_s/stop was sent once and no answer came in time", error.Exception.Message, StringComparison.Ordinal);
        Assert.Single(h.Posts);
        Assert.Equal(0, h.State.CommittedStops("cluster_s"));
    }
}
