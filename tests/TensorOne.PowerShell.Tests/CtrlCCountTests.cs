using System.Net;
using System.Net.Sockets;

namespace TensorOne.PowerShell.Tests;

/// <summary>The Ctrl+C warning counts requests that reached the network, not requests that were merely started.</summary>
public sealed class CtrlCCountTests
{
    [Fact]
    public async Task Stopping_before_any_request_left_the_client_warns_of_nothing_going_on_at_the_server()
    {
        // Accepts connections and never answers the TLS handshake: a request is under way, its bytes never leave.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var held = new List<Socket>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var socket = await listener.AcceptSocketAsync();
                    lock (held)
                    {
                        held.Add(socket);
                    }
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
        });

        using var session = new PowerShellSession();
        session.Run(
            "$s = [System.Security.SecureString]::new(); 'tpo_test_ctrl_c_key'.ToCharArray() | ForEach-Object { $s.AppendChar($_) }; Connect-T1Account -ApiKey $s -BaseUri $uri -Scope Runspace -SkipValidation | Out-Null",
            new() { ["uri"] = $"https://127.0.0.1:{port}/v2" });
        var (shell, handle) = session.Begin("'cluster_c1', 'cluster_c2', 'cluster_c3' | Stop-T1Cluster");
        using (shell)
        {
            // Stopped once the client's TLS hello has arrived: the request is under way and waits on the
            // handshake, so no byte of it can ever reach a server.
            bool HelloArrived()
            {
                lock (held)
                {
                    return held.Any(s => s.Available > 0);
                }
            }

            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline && !HelloArrived())
            {
                await Task.Delay(50);
            }

            Assert.True(HelloArrived(), "no TLS hello reached the listener");
            shell.Stop();
            Assert.True(handle.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(10)));
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.DoesNotContain("go on on the server", session.Host.Text, StringComparison.Ordinal);
        }

        listener.Stop();
        lock (held)
        {
            held.ForEach(s => s.Dispose());
        }

        await accepting;
    }
}
