namespace TensorOne.Client.Tests.Resilience;

/// <summary>Answers that the same request would get again are failed at once, each named for what it is.</summary>
public sealed class DeterministicFailureTests
{
    [Theory]
    [InlineData(FaultKind.HugeBody, "over the client's size cap of 64 KiB")]
    [InlineData(FaultKind.DeepJson, "nested deeper than the 64 levels the client reads")]
    [InlineData(FaultKind.HtmlErrorPage, "an HTML page")]
    public async Task A_read_whose_answer_cannot_change_is_sent_once_and_names_why(FaultKind kind, string why)
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(("cluster_d", "d"));
        server.Options.Faults.HugeBodyBytes = 1_000_000;
        server.Options.Faults.HtmlStatus = 200;
        server.Options.Faults.Add(kind, 1);
        using var client = FaultyClient.For(server, configure: o => o.MaxResponseBytes = 64 * 1024);

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.GetClusterAsync("cluster_d"));

        Assert.Equal("INVALID_RESPONSE", failure.ErrorCode);
        Assert.Equal(200, failure.Status);
        Assert.Contains(why, failure.Message);
        Assert.DoesNotContain("not valid JSON", failure.Message);
        await TransientFailureTests.WaitForAsync(() => server.State.Requests.Count >= 1);
        Assert.Single(server.State.Requests);
    }
}
