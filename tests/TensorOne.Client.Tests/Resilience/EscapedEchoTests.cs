namespace TensorOne.Client.Tests.Resilience;

/// <summary>
/// Servers echo the key in spellings the raw bytes do not match literally: JSON-escaped (<c>\/</c>,
/// <c>\u002B</c>, any <c>\uXXXX</c>), in success bodies as well as errors, and in the reason phrase.
/// None of it may reach a message, a detail, an id, a name or a log line.
/// </summary>
public sealed class EscapedEchoTests
{
    // A slash and a plus, the two characters JSON encoders escape differently.
    private const string Key = "tpo_test_Wombat/Secret+9f3a/77+c";
    private const string Telltale = "Wombat";

    [Fact]
    public async Task A_key_echoed_json_escaped_in_an_error_is_masked_in_message_details_and_request_id()
    {
        await using var server = await Start(FaultKind.EchoKeyEscaped);
        var log = new LogCollector();
        using var client = FaultyClient.For(server, log);

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.StopClusterAsync("cluster_e"));

        Assert.Equal(400, failure.Status);
        Assert.Contains("Rejected token ***", failure.ApiMessage, StringComparison.Ordinal);
        Assert.Equal("***", failure.Details["token"]);
        Assert.Equal("Bearer ***", failure.Details["header"]);
        Assert.Equal("req_***", failure.RequestId);
        Assert.DoesNotContain(Telltale, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Telltale, log.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ResponseShape.Envelope)]
    [InlineData(ResponseShape.Bare)]
    public async Task A_key_echoed_json_escaped_in_a_success_body_is_masked_in_the_result(ResponseShape shape)
    {
        await using var server = await Start(FaultKind.EchoKeyEscapedInSuccess, shape);
        var log = new LogCollector();
        using var client = FaultyClient.For(server, log);

        var result = await client.StopClusterAsync("cluster_e");

        Assert.Equal("owner ***", result.Name);
        Assert.DoesNotContain(Telltale, result.RequestId ?? "", StringComparison.Ordinal);
        Assert.Equal(1, server.State.CommittedStops("cluster_e"));
        Assert.DoesNotContain(Telltale, log.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_in_the_reason_phrase_is_masked_in_the_debug_trace()
    {
        await using var server = await Start(FaultKind.KeyInReasonPhrase);
        var log = new LogCollector();
        using var client = FaultyClient.For(server, log);

        await client.StopClusterAsync("cluster_e");

        Assert.Contains(log.Messages(ClientLogLevel.Debug), m => m.Contains("Denied for ***", StringComparison.Ordinal));
        Assert.DoesNotContain(Telltale, log.AllText, StringComparison.Ordinal);
    }

    private static async Task<SimulatorServer> Start(FaultKind kind, ResponseShape shape = ResponseShape.Envelope)
    {
        var server = await SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = Key, Shape = shape, StopPhaseSeconds = 30 });
        server.State.AddCluster("cluster_e", "e");
        server.Options.Faults.Add(kind, 1, "POST");
        return server;
    }
}
