using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;

namespace TensorOne.Simulator.Tests;

/// <summary>
/// With a certificate the simulator serves https://: a client that trusts it gets the API, a client that
/// checks certificates refuses it in the handshake, and the listener counts every connection, refused or not.
/// </summary>
public sealed class CertificateTests
{
    [Fact]
    public async Task With_a_certificate_it_serves_https_to_a_client_that_trusts_that_certificate()
    {
        using var certificate = SelfSignedCertificate.ForLoopback();
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions { Certificate = certificate }, ("cluster_a", "a"));
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        };
        using var http = new HttpClient(handler);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Options.ApiKey);

        using var answer = await http.GetAsync(server.BaseUri + "/clusters/cluster_a");

        Assert.Equal(Uri.UriSchemeHttps, server.BaseUri.Scheme);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Single(server.State.Requests);
        Assert.Equal(1, server.Connections.Accepted);
    }

    [Fact]
    public async Task A_client_that_checks_certificates_refuses_it_in_the_handshake_and_no_request_is_recorded()
    {
        using var certificate = SelfSignedCertificate.ForLoopback();
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { Certificate = certificate });
        using var http = new HttpClient();

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(server.BaseUri + "/clusters"));

        Assert.IsType<AuthenticationException>(failure.InnerException);
        Assert.Equal(1, server.Connections.Accepted);
        Assert.Empty(server.State.Requests);
    }

    [Fact]
    public async Task Without_a_certificate_it_serves_http_and_counts_each_connection()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var client = new SimulatorClient(server);

        var answer = await client.GetAsync("/clusters");

        Assert.Equal(Uri.UriSchemeHttp, server.BaseUri.Scheme);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(1, server.Connections.Accepted);
    }
}
