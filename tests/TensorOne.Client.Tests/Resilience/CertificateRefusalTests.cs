namespace TensorOne.Client.Tests.Resilience;

/// <summary>
/// A server certificate the client refuses is refused again on every try: a stop against it is
/// attempted once, fails naming the certificate, and never reaches the API.
/// </summary>
public sealed class CertificateRefusalTests
{
    [Fact]
    public async Task A_stop_against_a_refused_certificate_is_one_connection_no_request_and_a_network_error_naming_the_certificate()
    {
        using var certificate = SelfSignedCertificate.ForLoopback();
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions { Certificate = certificate }, ("cluster_tls", "tls"));
        using var client = FaultyClient.For(server);

        var failure = await Assert.ThrowsAsync<TensorOneRequestFailedException>(() => client.StopClusterAsync("cluster_tls"));

        Assert.Equal(TensorOneFailureKind.Network, failure.Kind);
        Assert.Equal("NETWORK_ERROR", failure.ErrorCode);
        Assert.Contains("TLS certificate was refused", failure.Message);
        Assert.Contains("sent once", failure.Message);
        Assert.DoesNotContain(server.Options.ApiKey, failure.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, server.Connections.Accepted);
        Assert.Empty(server.State.Requests);
        Assert.Equal(0, server.State.CommittedStops("cluster_tls"));
    }
}
