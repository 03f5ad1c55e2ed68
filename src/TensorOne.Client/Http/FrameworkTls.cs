using System.Security.Authentication;

namespace TensorOne.Client.Http;

/// <summary>
/// The TLS versions a handler may offer on .NET Framework: 1.2 and 1.3, the OS picking the highest
/// the server shares. Leaving the handler at SslProtocols.None would hand the choice to
/// ServicePointManager, which in powershell.exe still allows TLS 1.0 and SSL 3, so 1.2 is set as
/// the floor and never 1.0 or 1.1.
/// </summary>
internal static class FrameworkTls
{
    // Not in netstandard2.0's enum; .NET Framework 4.8 (and Windows with TLS 1.3 in Schannel) knows it.
    private const SslProtocols Tls13 = (SslProtocols)12288;

    public const SslProtocols Floor = SslProtocols.Tls12;

    public const SslProtocols Preferred = Floor | Tls13;

    /// <summary>Sets the handler's protocols; returns what it took.</summary>
    public static SslProtocols Apply(HttpClientHandler handler)
    {
        try
        {
            handler.SslProtocols = Preferred;
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException)
        {
            // .NET Framework before 4.8 refuses a version it does not know: 1.2 alone is still the floor.
            handler.SslProtocols = Floor;
        }

        return handler.SslProtocols;
    }
}
