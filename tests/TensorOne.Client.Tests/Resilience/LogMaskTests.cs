using System.Net.Http.Headers;

namespace TensorOne.Client.Tests.Resilience;

/// <summary>Every log line is masked, whatever it quotes: an inner exception's message included.</summary>
public sealed class LogMaskTests
{
    [Fact]
    public async Task The_retry_log_line_masks_a_network_failure_message_that_quotes_the_key()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions(), ("c1", "one"));
        var log = new LogCollector();
        using var handler = new QuotingFailureHandler { InnerHandler = new HttpClientHandler() };
        using var client = ClientFactory.For(server, o =>
        {
            o.Handler = handler;
            o.Log = log.Sink;
        });

        var cluster = await client.GetClusterAsync("c1");

        Assert.Equal("c1", cluster.Id);
        Assert.Contains(log.Messages(ClientLogLevel.Verbose), m => m.StartsWith("Retrying GET", StringComparison.Ordinal) && m.Contains("***", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Options.ApiKey, log.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_debug_line_masks_a_content_type_that_echoes_the_key()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions(), ("c1", "one"));
        server.Options.Faults.Add(Simulator.Faults.FaultKind.KeyInContentType, 1, "GET", limit: 1);
        var log = new LogCollector();
        using var client = ClientFactory.For(server, o => o.Log = log.Sink);

        await client.GetClusterAsync("c1");

        Assert.Contains(log.Messages(ClientLogLevel.Debug), m => m.Contains("application/x-echo-***", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Options.ApiKey, log.AllText, StringComparison.Ordinal);
    }

    /// <summary>Fails the first attempt as a handler whose error quotes the request's Authorization header would.</summary>
    private sealed class QuotingFailureHandler : DelegatingHandler
    {
        private int _attempts;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _attempts) == 1)
            {
                var presented = request.Headers.Authorization ?? new AuthenticationHeaderValue("Bearer");
                throw new HttpRequestException("The connection was reset", new IOException($"peer closed while sending '{presented}'"));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
