using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace TensorOne.Simulator.Pipeline;

/// <summary>The socket side: plain http://, or https:// with the configured certificate, and every connection counted.</summary>
internal static class Listener
{
    public static void Configure(ListenOptions listen, SimulatorOptions options, ConnectionLog connections)
    {
        // Outermost, so a connection is counted before (and whether or not) its handshake succeeds.
        listen.Use(next => context =>
        {
            connections.NoteAccepted();
            return next(context);
        });
        if (options.Certificate is { } certificate)
        {
            listen.UseHttps(certificate);
        }
    }
}
