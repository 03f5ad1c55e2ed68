using System.Net.Http.Headers;
using System.Text;
using System.Net;
using TensorOne.Simulator.Faults;

namespace TensorOne.Simulator.Tests;

/// <summary>
/// What a real network does to writes that our plain simulator never did: a gateway's page after the
/// API committed, the API's own 503 after it acted, and reads that lag the writes.
/// </summary>
public sealed class WriteAfterCommitTests
{
    [Fact]
    public async Task A_gateway_page_after_commit_answers_html_503_and_the_restart_is_committed()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions { RestartPhaseSeconds = 30 }, ("cluster_g", "g"));
        server.Options.Faults.Add(FaultKind.GatewayPageAfterCommit, 1, "POST");
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Options.ApiKey);

        using var answer = await http.PostAsync(new Uri(server.BaseUri + "/clusters/cluster_g/restart"), new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, server.State.CommittedRestarts("cluster_g"));
        Assert.Equal("restarting", server.State.Find("cluster_g")!.Status);
    }

    [Fact]
    public async Task The_apis_own_503_after_commit_is_its_envelope_and_the_stop_is_committed()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions { StopPhaseSeconds = 30 }, ("cluster_g", "g"));
        server.Options.Faults.Add(FaultKind.ServiceUnavailableAfterCommit, 1, "POST");
        using var client = new SimulatorClient(server);

        var answer = await client.PostAsync("/clusters/cluster_g/stop", "{}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Equal("SERVICE_UNAVAILABLE", answer.Body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(1, server.State.CommittedStops("cluster_g"));
    }

    [Fact]
    public async Task Lagging_reads_show_a_write_only_after_the_lag_while_writes_see_it_at_once()
    {
        var clock = TestClock.Create();
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeProvider = clock,
            StopPhaseSeconds = 30,
            ReadLag = TimeSpan.FromSeconds(2),
        });
        server.State.AddCluster("cluster_g", "g");
        using var client = new SimulatorClient(server);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/clusters/cluster_g/stop", "{}")).Status);
        var single = await client.GetAsync("/clusters/cluster_g");
        var listed = await client.GetAsync("/clusters?status=running");
        var again = await client.PostAsync("/clusters/cluster_g/stop", "{}");
        clock.Advance(TimeSpan.FromSeconds(2.5));
        var later = await client.GetAsync("/clusters/cluster_g");

        Assert.Equal("running", single.Body.GetProperty("data").GetProperty("status").GetString());
        Assert.Contains(listed.Body.GetProperty("data").GetProperty("clusters").EnumerateArray(), c => c.GetProperty("id").GetString() == "cluster_g");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("stopping", later.Body.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(1, server.State.CommittedStops("cluster_g"));
    }
}
