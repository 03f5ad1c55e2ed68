using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;

namespace TensorOne.PowerShell.Tests;

/// <summary>
/// HttpClient honours HTTP_PROXY and HTTPS_PROXY. A real pwsh runs with both pointing at a proxy on
/// 127.0.0.1 that records every byte it receives: the loopback http:// simulator is reached directly,
/// and an https:// base URI goes through the proxy as a CONNECT that carries no key. The proxy tunnels
/// that CONNECT to an https:// simulator whose certificate the client refuses: the tunnel is shown to
/// be used, nothing past the handshake is sent, and the refusal is final, so the https half is one try.
/// </summary>
public sealed class ProxyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_key_never_reaches_a_proxy_loopback_http_goes_direct_and_https_tunnels_through_CONNECT()
    {
        await using var server = await SimulatorServer.StartWithClustersAsync(new SimulatorOptions(), ("c1", "one"));
        using var certificate = SelfSignedCertificate.ForLoopback();
        await using var refused = await SimulatorServer.StartAsync(new SimulatorOptions { Certificate = certificate });
        using var proxy = new RecordingProxy(refused.BaseUri.Port);
        var script = RealPwsh.WriteScript(server, """
            "listed: $(@(Get-T1Cluster).Count)"
            $key = ConvertTo-SecureString $env:TENSORONE_API_KEY -AsPlainText -Force
            Connect-T1Account -ApiKey $key -BaseUri 'https://api.tensorone.example/v2' -SkipValidation | Out-Null
            $Error.Clear()
            Get-T1Cluster -Id c1 -ErrorAction SilentlyContinue
            "https error: $($Error[0].FullyQualifiedErrorId)"
            """);
        var clock = Stopwatch.StartNew();

        var (stdout, stderr, _) = await RunWithProxyAsync(script, proxy.Address, TimeSpan.FromMinutes(2));

        output.WriteLine(stdout + stderr);
        var seen = proxy.Received;
        output.WriteLine("FIGURES | proxy | simulator requests {0} | proxy connections {1} | tunnelled connections {2} | {3:0.00} s", server.State.Requests.Count, proxy.Connections, refused.Connections.Accepted, clock.Elapsed.TotalSeconds);
        Assert.Contains("listed: 1", stdout);
        Assert.Single(server.State.Requests);
        Assert.DoesNotContain(server.Options.ApiKey, seen, StringComparison.Ordinal);
        Assert.DoesNotContain("Authorization", seen, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1:" + server.BaseUri.Port, seen, StringComparison.Ordinal);
        Assert.Contains("CONNECT api.tensorone.example:443", seen, StringComparison.Ordinal);
        Assert.Contains("https error: NETWORK_ERROR", stdout, StringComparison.Ordinal);
        Assert.Equal(1, proxy.Connections);
        Assert.Equal(1, refused.Connections.Accepted);
        Assert.Empty(refused.State.Requests);
    }

    // Every spelling HttpClient reads, and no exemption: the proxy sees whatever the client would send it.
    private static Task<(string Output, string Errors, int ExitCode)> RunWithProxyAsync(string script, string proxy, TimeSpan timeout)
    {
        var environment = new Dictionary<string, string?> { ["NO_PROXY"] = null, ["no_proxy"] = null };
        foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy" })
        {
            environment[name] = proxy;
        }

        return RealPwsh.RunAsync(script, timeout, environment);
    }

    /// <summary>
    /// A proxy that records every byte a client sends it. A CONNECT is tunnelled to the https:// simulator
    /// on <c>tunnelPort</c>, whatever host it names; anything else is refused with 502, so it goes no further.
    /// </summary>
    private sealed class RecordingProxy : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly StringBuilder _received = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly int _tunnelPort;
        private int _connections;

        public RecordingProxy(int tunnelPort)
        {
            _tunnelPort = tunnelPort;
            _listener.Start();
            _ = AcceptAsync();
        }

        public string Address => "http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Connections => Volatile.Read(ref _connections);

        public string Received
        {
            get
            {
                lock (_received)
                {
                    return _received.ToString();
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }

                Interlocked.Increment(ref _connections);
                _ = ServeAsync(client);
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var head = new StringBuilder();
                var read = 0;
                try
                {
                    while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        read = await stream.ReadAsync(buffer, _stop.Token);
                        if (read == 0)
                        {
                            break;
                        }

                        head.Append(Encoding.Latin1.GetString(buffer, 0, read));
                    }

                    Record(head.ToString());
                    if (!head.ToString().StartsWith("CONNECT ", StringComparison.Ordinal))
                    {
                        await stream.WriteAsync("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
                        return;
                    }

                    using var upstream = new TcpClient();
                    await upstream.ConnectAsync(IPAddress.Loopback, _tunnelPort, _stop.Token);
                    await stream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), _stop.Token);
                    var server = upstream.GetStream();
                    var down = server.CopyToAsync(stream, _stop.Token);
                    while ((read = await stream.ReadAsync(buffer, _stop.Token)) > 0)
                    {
                        Record(Encoding.Latin1.GetString(buffer, 0, read));
                        await server.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                    }

                    upstream.Client.Shutdown(SocketShutdown.Send);
                    await down;
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
                {
                    // The client went away; what it sent is recorded.
                }
            }
        }

        private void Record(string text)
        {
            lock (_received)
            {
                _received.Append(text).Append("\n----\n");
            }
        }
    }
}
