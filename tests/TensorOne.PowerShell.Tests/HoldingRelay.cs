using System.Net;
using System.Net.Sockets;

namespace TensorOne.PowerShell.Tests;

/// <summary>
/// A TCP relay in front of a simulator that holds every connection silent for a while, in real time,
/// before passing bytes either way: a network (or a busy machine) slow to carry a request to the server,
/// which the server cannot see or count until the bytes arrive.
/// </summary>
internal sealed class HoldingRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _upstream;
    private readonly TimeSpan _hold;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public HoldingRelay(Uri upstream, TimeSpan hold)
    {
        _upstream = upstream;
        _hold = hold;
        _listener.Start();
        BaseUri = new UriBuilder(upstream) { Port = ((IPEndPoint)_listener.LocalEndpoint).Port }.Uri;
        _accepting = AcceptAsync();
    }

    /// <summary>The upstream's base URI, with the relay's port.</summary>
    public Uri BaseUri { get; }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var relays = new List<Task>();
        try
        {
            while (true)
            {
                relays.Add(RelayAsync(await _listener.AcceptTcpClientAsync(_stop.Token)));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(relays);
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await Task.Delay(_hold, _stop.Token);
                await server.ConnectAsync(_upstream.Host, _upstream.Port, _stop.Token);
                var toServer = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
                var toClient = server.GetStream().CopyToAsync(client.GetStream(), _stop.Token);
                await Task.WhenAny(toServer, toClient);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
